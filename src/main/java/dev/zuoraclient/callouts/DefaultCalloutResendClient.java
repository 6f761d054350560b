package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.CalloutResendClient.Builder;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.internal.Durations;
import dev.zuoraclient.callouts.internal.HeaderRules;
import dev.zuoraclient.callouts.internal.IdRule;
import dev.zuoraclient.callouts.internal.ResendCall;
import dev.zuoraclient.callouts.internal.ResendExecutor;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.internal.Telemetry;
import dev.zuoraclient.callouts.internal.ValueRule;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link CalloutResendClient} that {@link CalloutResendClient.Builder#build()} returns. */
final class DefaultCalloutResendClient implements CalloutResendClient {
  private final URI baseUri;
  private final String defaultEntityId;
  private final List<String> defaultOrgIds;
  private final String defaultOrgIdsHeader;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration attemptTimeout;
  private final HttpLogLevel logLevel;
  private final RetryPolicy retryPolicy;
  private final ResendExecutor executor;
  private static final boolean ANY_HEADER_REQUIRED =
      SpecRules.REQUEST_HEADERS.stream().anyMatch(ValueRule::required);

  private final BatchRunner batches;

  /** The token provider built for this client from client credentials; null when given one. */
  private final ClientCredentialsTokenProvider ownTokens;

  private final AtomicBoolean closed = new AtomicBoolean();

  DefaultCalloutResendClient(Builder b) {
    this.baseUri = b.resolveBaseUri();
    if (b.tokens == null && b.clientId == null) {
      throw new IllegalStateException(
          "a token source is required: accessToken, accessTokenProvider or clientCredentials");
    }
    this.defaultEntityId =
        b.defaultEntityId == null ? null : HeaderRules.checkEntityId(b.defaultEntityId);
    this.defaultOrgIdsHeader =
        b.defaultOrgIds == null ? null : HeaderRules.checkOrgIds(b.defaultOrgIds);
    this.defaultOrgIds = b.defaultOrgIds == null ? null : List.copyOf(b.defaultOrgIds);
    this.connectTimeout = Durations.positive("connectTimeout", b.connectTimeout);
    this.readTimeout = Durations.positive("readTimeout", b.readTimeout);
    this.attemptTimeout = Durations.positive("attemptTimeout", b.attemptTimeout);
    this.logLevel = b.logLevel;
    this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy");
    this.ownTokens = b.tokens != null ? null : credentials(b, baseUri);
    this.executor =
        new ResendExecutor(
            baseUri,
            b.tokens != null ? b.tokens : ownTokens,
            b.transport.settings(connectTimeout, readTimeout, attemptTimeout),
            logLevel,
            retryPolicy,
            Telemetry.of(b.observationRegistry));
    this.batches = new BatchRunner(this::sendBatch, retryPolicy);
  }

  /** The token provider {@link Builder#clientCredentials} asks for, with the client's settings. */
  private static ClientCredentialsTokenProvider credentials(Builder b, URI baseUri) {
    ClientCredentialsTokenProvider.Builder tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(baseUri)
            .clientId(b.clientId)
            .clientSecret(b.clientSecret)
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .httpLogLevel(b.logLevel);
    b.transport.applyTo(tokens);
    if (b.observationRegistry != null) {
      tokens.observationRegistry((ObservationRegistry) b.observationRegistry);
    }
    return tokens.build();
  }

  @Override
  public ResendResult resend(List<String> ids, ResendOptions options) {
    checkOpen();
    Objects.requireNonNull(options, "options must not be null");
    checkRequiredHeaders(options);
    List<String> checked = checkIds(ids);
    return sendBatch(
        new BatchRunner.BatchCall(
            checked,
            options,
            options.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString()),
            false,
            null,
            0,
            0,
            0));
  }

  @Override
  public BatchResendResult resendAll(Iterable<String> ids, BatchOptions options) {
    checkOpen();
    checkRequiredHeaders(Objects.requireNonNull(options, "options").requestOptions());
    return batches.run(ids, options);
  }

  /** Refuses, before sending, a call without a header the spec makes required. */
  private void checkRequiredHeaders(ResendOptions o) {
    if (!ANY_HEADER_REQUIRED) {
      return;
    }
    Set<String> sent = new HashSet<>();
    sent.add(SpecRules.IDEMPOTENCY_KEY.name()); // every call has one
    sent.add(SpecRules.ACCEPT_ENCODING.name()); // the transport asks for gzip
    o.trackId().ifPresent(v -> sent.add(SpecRules.ZUORA_TRACK_ID.name()));
    if (o.entityId().isPresent() || defaultEntityId != null) {
      sent.add(SpecRules.ZUORA_ENTITY_IDS.name());
    }
    if (o.orgIds().isPresent() || defaultOrgIdsHeader != null) {
      sent.add(SpecRules.ZUORA_ORG_IDS.name());
    }
    if (o.gzipRequest()) {
      sent.add(SpecRules.CONTENT_ENCODING.name());
    }
    HeaderRules.checkRequiredHeaders(sent);
  }

  private ResendResult sendBatch(BatchRunner.BatchCall batch) {
    if (closed.get() && batch.number() > 0) {
      // a run's later batches, when the client was closed during the run: never sent
      throw new BatchNotSentException(
          BatchNotSentException.Reason.STOPPED_BY_ERROR,
          "not sent: the client was closed",
          closedError());
    }
    checkOpen();
    ResendOptions o = batch.options();
    return executor.resend(
        new ResendCall(
            batch.ids(),
            o.trackId().orElse(null),
            batch.idempotencyKey(),
            o.entityId().orElse(defaultEntityId),
            o.orgIds().isPresent() ? o.orgIdsHeader() : defaultOrgIdsHeader,
            o.gzipRequest(),
            batch.paced(),
            batch.limiter() == null ? null : batch.limiter()::await,
            batch.number() == 0
                ? null
                : new ResendCall.Batch(batch.number(), batch.total(), batch.rateLimited())));
  }

  private static List<String> checkIds(List<String> ids) {
    Objects.requireNonNull(ids, "ids must not be null");
    int n = ids.size();
    if (n == 0) {
      throw new IllegalArgumentException("ids must not be empty");
    }
    if (n < SpecRules.MIN_IDS) {
      throw new IllegalArgumentException(
          "ids must hold at least " + SpecRules.MIN_IDS + " IDs per request (got " + n + ")");
    }
    if (n > HeaderRules.MAX_IDS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "ids must hold at most "
              + HeaderRules.MAX_IDS_PER_REQUEST
              + " IDs per request (got "
              + n
              + ")");
    }
    String[] copy = new String[n];
    Set<String> seen = new HashSet<>(n * 2);
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      IdRule.check(i, id);
      if (!seen.add(id)) {
        throw new IllegalArgumentException(
            "ids must not contain duplicates ('"
                + id
                + "' at indexes "
                + ids.indexOf(id)
                + " and "
                + i
                + ")");
      }
      copy[i] = id;
    }
    return Collections.unmodifiableList(Arrays.asList(copy));
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.close();
    } finally {
      if (ownTokens != null) {
        ownTokens.close();
      }
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw closedError();
    }
  }

  private static IllegalStateException closedError() {
    return new IllegalStateException("this CalloutResendClient is closed; build a new one");
  }

  @Override
  public String toString() {
    return "CalloutResendClient{baseUri="
        + baseUri
        + ", defaultEntityId="
        + defaultEntityId
        + ", defaultOrgIds="
        + defaultOrgIds
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", attemptTimeout="
        + attemptTimeout
        + ", logLevel="
        + logLevel
        + ", retryPolicy="
        + retryPolicy
        + '}';
  }
}
