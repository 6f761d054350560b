package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.SimExchange.JSON;
import static dev.zuoraclient.callouts.simulator.SimExchange.MAPPER;
import static dev.zuoraclient.callouts.simulator.SimExchange.REQUEST_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.TRACK_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.hasMediaType;
import static dev.zuoraclient.callouts.simulator.SimExchange.json;
import static dev.zuoraclient.callouts.simulator.SimExchange.requestId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Data Query's three operations on {@code /query/jobs}: submit a job (its query checked by {@link
 * QueryShape}), see it, cancel it. Authenticated as the resend endpoint is; errors in Data Query's
 * shape {@code {"code": <status>, "message": ...}}.
 */
final class DataQueryEndpoint {
  /** Who the simulator's caller is, as {@code createdBy} names it. */
  static final String CALLER = "2c92c0f8-5d1e-4a3b-9e6f-7a8b9c0d1e2f";

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final int REMAINING_RETRIES = 3;

  private final TokenEndpoint tokens;
  private final CalloutHistory history;
  private final QueryJobs jobs;
  private final PresignedUrls urls;
  private final ResultFaults faults;

  DataQueryEndpoint(
      TokenEndpoint tokens,
      CalloutHistory history,
      QueryJobs jobs,
      PresignedUrls urls,
      ResultFaults faults) {
    this.tokens = tokens;
    this.history = history;
    this.jobs = jobs;
    this.urls = urls;
    this.faults = faults;
  }

  static boolean handles(String path) {
    String jobs = ZuoraSimulator.QUERY_JOBS_PATH;
    return path.equals(jobs) || path.startsWith(jobs + "/");
  }

  SimResponse answer(RecordedRequest request, SimExchange.Body body, Instant now) {
    String trackId = request.header(TRACK_ID).filter(ResendEndpoint::validTrackId).orElse(null);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REQUEST_ID, requestId());
    if (trackId != null) {
      headers.put(TRACK_ID, trackId);
    }
    if (!tokens.authorized(request, now)) {
      return Refusals.unauthorized(trackId);
    }
    String method = request.method();
    if (request.path().equals(ZuoraSimulator.QUERY_JOBS_PATH)) {
      return method.equals("POST")
          ? submit(request, body, now, headers)
          : notAllowed(headers, "POST");
    }
    String id = request.path().substring(ZuoraSimulator.QUERY_JOBS_PATH.length() + 1);
    if (!method.equals("GET") && !method.equals("DELETE")) {
      return notAllowed(headers, "GET, DELETE");
    }
    if (JOB_ID.matcher(id).matches() && jobs.isForeign(id)) {
      return error(
          403,
          headers,
          method.equals("GET")
              ? "You are forbidden from viewing this job."
              : "You are forbidden from cancelling this job.");
    }
    QueryJob job = JOB_ID.matcher(id).matches() ? jobs.get(id) : null;
    if (job == null) {
      return error(404, headers, "Query job " + id + " was not found.");
    }
    if (method.equals("GET")) {
      return json(200, headers, data(job, job.at(now, t -> sign(job, t))));
    }
    QueryJob.View cancelled = job.cancel(now);
    if (cancelled == null) {
      return error(
          400,
          headers,
          "Query job "
              + id
              + " is "
              + job.at(now, t -> sign(job, t)).status().wire()
              + " and can no longer be cancelled.");
    }
    jobs.cancelledByClient();
    return json(200, headers, data(job, cancelled));
  }

  private SimResponse submit(
      RecordedRequest request, SimExchange.Body body, Instant now, Map<String, String> headers) {
    if (!hasMediaType(request, JSON)) {
      return error(415, headers, "HTTP 415 Unsupported Media Type");
    }
    if (body.error() != null) {
      return error(body.errorStatus(), headers, body.error());
    }
    JobRequest job;
    ParsedQuery query;
    try {
      job = JobRequest.parse(body.decoded());
      query = QueryShape.parse(job.query());
    } catch (JobRequest.Refused | QueryShape.InvalidQueryException e) {
      return error(400, headers, e.getMessage());
    }
    QueryJob submitted = jobs.submit(job, new ResultRows(history.snapshot(), query), now);
    // The answer to a submission shows the job as Data Query takes it in, whatever its delay.
    QueryJob.View accepted = new QueryJob.View(QueryJob.Status.ACCEPTED, now, 0, null, 0, null);
    return json(200, headers, data(submitted, accepted));
  }

  /** Signs the file of a job that just completed, at {@code now}; it was planned expired maybe. */
  private String sign(QueryJob job, Instant now) {
    return urls.sign(ResultFileServer.path(job), now, faults.takeExpired());
  }

  private static ObjectNode data(QueryJob job, QueryJob.View view) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode data = root.putObject("data");
    data.put("id", job.id);
    data.put("query", job.query);
    data.put("queryStatus", view.status().wire());
    data.put("sourceData", job.sourceData);
    data.put("remainingRetries", REMAINING_RETRIES);
    data.put("createdBy", CALLER);
    data.put("updatedOn", ResultRows.ISO.format(view.updatedOn()));
    data.put("useIndexJoin", job.useIndexJoin);
    if (view.status() == QueryJob.Status.COMPLETED) {
      data.put("dataFile", view.dataFile());
      data.put("outputRows", view.outputRows());
    }
    if (!view.status().running()) {
      data.put("processingTime", view.processingMillis());
    }
    if (view.errorMessage() != null) {
      data.put("errorMessage", view.errorMessage());
    }
    return root;
  }

  private static SimResponse notAllowed(Map<String, String> headers, String allow) {
    Map<String, String> withAllow = new LinkedHashMap<>(headers);
    withAllow.put("Allow", allow);
    return error(405, withAllow, "Method not allowed");
  }

  private static SimResponse error(int status, Map<String, String> headers, String message) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("code", status);
    body.put("message", message);
    return json(status, headers, body);
  }
}
