package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException.Reason;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns Zuora's answers into the library's typed outcomes: the three documented outcomes become a
 * {@link ResendResult}; everything else becomes one exception of the {@link ZuoraException} tree
 * that says what happened to the IDs.
 */
final class OutcomeMapper {
  private final ObjectMapper mapper;
  private final Clock clock;
  private final UnaryOperator<String> scrub;
  private final JavaType failureMapType;
  private final WireFailure.Extras extras;
  private final RefusalMapper refusals;

  /**
   * @param scrub removes the secrets of the exchange at hand (the token sent) from text that came
   *     from the answer
   */
  OutcomeMapper(ObjectMapper mapper, Clock clock, UnaryOperator<String> scrub) {
    this.mapper = mapper;
    this.clock = clock;
    this.scrub = scrub;
    this.failureMapType =
        mapper.getTypeFactory().constructMapType(Map.class, String.class, ResendFailureBody.class);
    this.extras = new WireFailure.Extras(mapper, scrub);
    this.refusals = new RefusalMapper(mapper, clock, scrub);
  }

  /**
   * A 2xx answer whose body decoded (null or empty: every ID was resent). Only 202 is Zuora's: any
   * other 2xx comes from something else on the way (a proxy, a wrong base URI), and says nothing
   * about the notifications.
   */
  ResendResult decoded(
      ResendCall call,
      int status,
      Map<String, Collection<String>> headers,
      Map<String, ResendFailureBody> failed,
      int attempt) {
    if (status != 202) {
      throw unknown(
          "the answer was " + status + ", not Zuora's 202",
          Reason.UNEXPECTED_RESPONSE,
          call.context(status, ResponseHeaders.first(headers, ResponseHeaders.REQUEST_ID), attempt),
          call,
          null);
    }
    return result(call, status, headers, failed == null ? Map.of() : failed, attempt);
  }

  /**
   * The last attempt failed in a way that says nothing was resent (a refusal, or no token to send),
   * but an earlier attempt left that open: the call as a whole has an unknown outcome.
   */
  ZuoraOutcomeUnknownException inconclusive(ResendCall call, ZuoraException last) {
    boolean answered = last instanceof ZuoraServiceException;
    int status = answered ? last.statusCode().orElse(0) : 0;
    ZuoraException.Context context =
        call.context(status, answered ? last.requestId().orElse(null) : null, last.attempts());
    return new ZuoraOutcomeUnknownException(
        "Outcome of "
            + call.ids().size()
            + " callout notification(s) unknown: an earlier attempt got no usable answer, and the"
            + (answered
                ? " last one was refused (" + status + ")"
                : last instanceof ZuoraTokenException
                    ? " last one could not get an access token"
                    : last instanceof ZuoraConnectionException c
                        ? " last one " + ErrorRules.couldNotConnect(c)
                        : " last one failed"),
        Reason.INCONCLUSIVE_RETRIES,
        context,
        last);
  }

  /** Something no answer explains went wrong during an attempt; the request may have left. */
  ZuoraOutcomeUnknownException unexpected(ResendCall call, RuntimeException e, int attempt) {
    return unknown(
        "unexpected " + e.getClass().getSimpleName(),
        Reason.IO_FAILURE,
        call.context(0, null, attempt),
        call,
        e);
  }

  /** A non-2xx or undecodable answer: a result for the documented 400, otherwise throws. */
  ResendResult fromSignal(ResendCall call, ResponseSignal signal, int attempt) {
    int status = signal.httpStatus();
    Map<String, Collection<String>> headers = signal.headers();
    String requestId = requestId(headers);
    ZuoraException.Context context = call.context(status, requestId, attempt);
    if (signal.isDecodeFailure() || (signal.body() == null && status == 400)) {
      Throwable cause = signal.getCause();
      Reason reason = cause instanceof IOException io ? classify(io) : Reason.UNDECODABLE_RESPONSE;
      throw unknown(
          "Zuora answered " + status + " but its body could not be read",
          reason,
          context,
          call,
          cause);
    }
    // Past the 400's per-ID map, the status alone decides the type: an error body that could not
    // be read (too large, cut off) only costs the exception Zuora's code and message.
    byte[] body = signal.body() == null ? new byte[0] : signal.body();
    if (status == 400) {
      Map<String, ResendFailureBody> failures = failureMapOrNull(body);
      if (failures != null && !failures.isEmpty()) {
        ResendResult result = result(call, status, headers, failures, attempt);
        if (!result.isAllRejected()) {
          throw unknown(
              "Zuora answered 400 but named only "
                  + result.failures().size()
                  + " of the "
                  + call.ids().size()
                  + " IDs as failed",
              Reason.UNEXPECTED_RESPONSE,
              context,
              call,
              null);
        }
        return result;
      }
    }
    throw refusals.refusal(status, headers, body, context);
  }

  /**
   * An I/O failure before or while an answer arrived ({@code status} 0 when none did): nothing sent
   * when no connection could be made, an unknown outcome otherwise.
   */
  ZuoraException ioFailure(ResendCall call, IOException e, int status, int attempt) {
    if (status == 0 && e instanceof NotConnectedException notConnected) {
      return new ZuoraConnectionException(
          call.ids().size() + " callout notification(s) not sent: " + notConnected.getMessage(),
          notConnected.host(),
          notConnected.proxy(),
          notConnected.reason(),
          call.context(0, null, attempt),
          notConnected.getCause());
    }
    Reason reason = classify(e);
    String what =
        reason == Reason.TIMEOUT
            ? "timed out"
            : status > 0
                ? "the answer (" + status + ") could not be read"
                : "the connection failed";
    return unknown(what, reason, call.context(status, null, attempt), call, e);
  }

  /**
   * A broken or slow stream is transient (worth a retry with the same key); a body that arrived
   * whole but is not what the contract says is not.
   */
  private static Reason classify(IOException e) {
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return Reason.TIMEOUT;
    }
    if (e instanceof JsonProcessingException
        || e instanceof ResponseBodies.ResponseTooLargeException) {
      return Reason.UNDECODABLE_RESPONSE;
    }
    return Reason.IO_FAILURE;
  }

  private ResendResult result(
      ResendCall call,
      int status,
      Map<String, Collection<String>> headers,
      Map<String, ResendFailureBody> failed,
      int attempt) {
    List<String> ids = call.ids();
    List<String> accepted = failed.isEmpty() ? ids : new ArrayList<>(ids.size());
    List<ResendFailure> failures = failed.isEmpty() ? List.of() : new ArrayList<>(failed.size());
    if (!failed.isEmpty()) {
      for (String id : ids) {
        ResendFailureBody f = failed.get(id);
        if (f == null && !failed.containsKey(id)) {
          accepted.add(id);
        } else if (f == null || (f.getCode() == null && f.getMessage() == null)) {
          // Zuora always says why; an empty entry is not an answer to trust
          throw unknown(
              "Zuora answered " + status + " with no code or message for ID " + quoteId(id),
              Reason.UNEXPECTED_RESPONSE,
              call.context(status, requestId(headers), attempt),
              call,
              null);
        } else {
          failures.add(
              new ResendFailure(
                  id,
                  f.getCode() == null ? "" : scrub.apply(f.getCode()),
                  f.getMessage() == null ? "" : scrub.apply(f.getMessage()),
                  extras.of(f)));
        }
      }
      if (failures.size() != failed.size()) {
        String requestId = requestId(headers);
        throw unknown(
            "Zuora answered "
                + status
                + " naming "
                + (failed.size() - failures.size())
                + " ID(s) that were not in the request",
            Reason.UNEXPECTED_RESPONSE,
            call.context(status, requestId, attempt),
            call,
            null);
      }
    }
    String echoed = ResponseHeaders.first(headers, ResponseHeaders.TRACK_ID);
    return ResendResult.builder()
        .accepted(accepted)
        .failures(failures)
        .statusCode(status)
        .requestId(requestId(headers))
        .trackId(echoed != null ? scrub.apply(echoed) : call.trackId())
        .idempotencyKey(call.idempotencyKey())
        .rateLimit(ResponseHeaders.rateLimit(headers))
        .headers(ResponseHeaders.declared(headers, scrub))
        .build();
  }

  private Map<String, ResendFailureBody> failureMapOrNull(byte[] body) {
    try {
      return mapper.readValue(body, failureMapType);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private String requestId(Map<String, Collection<String>> headers) {
    return scrub.apply(ResponseHeaders.first(headers, ResponseHeaders.REQUEST_ID));
  }

  private static String quoteId(String id) {
    return SafeText.quote(id.length() > 80 ? id.substring(0, 80) + "..." : id);
  }

  /**
   * An unknown outcome. The cause's message may quote the answer (a parser names the token it
   * choked on), so a cause that would carry a secret is replaced by a scrubbed copy.
   */
  private ZuoraOutcomeUnknownException unknown(
      String what,
      Reason reason,
      ZuoraException.Context context,
      ResendCall call,
      Throwable cause) {
    String causeMessage = cause == null ? null : cause.getMessage();
    String scrubbed = scrub.apply(causeMessage);
    Throwable kept = cause;
    if (causeMessage != null && !causeMessage.equals(scrubbed)) {
      kept = new IOException(cause.getClass().getSimpleName() + ": " + scrubbed);
    }
    return new ZuoraOutcomeUnknownException(
        "Outcome of "
            + call.ids().size()
            + " callout notification(s) unknown: "
            + what
            + (scrubbed == null ? "" : " (" + scrubbed + ")"),
        reason,
        context,
        kept);
  }
}
