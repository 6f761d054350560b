/**
 * The wiring under the API: not exported by the module, free to change in any release.
 *
 * <p>One {@code resend} call, from the public client to the wire and back:
 *
 * <pre>
 * DefaultCalloutResendClient.resend (in the API package, beside its interface)
 *   IdRules, HeaderRules, ValueRule
 *                               check IDs and headers against the spec's rules (SpecRules,
 *                               written by the build from the spec) before any I/O
 *   ResendExecutor              one call: attempts, waits and the call's deadline,
 *                               asking ErrorRules what each failure means (StatusRules: what
 *                               each status means, which the exceptions ask too)
 *     AuthInterceptor           the bearer token (TokenClient fetches them for the
 *                               client-credentials provider)
 *     generated NotificationsApi (Feign, from the spec) with WireSettings (Feign, JSON)
 *       HttpClientTransport     each client's own java.net.http.HttpClient, bounded by
 *                               AttemptWatchdog and HttpSettings (from TransportOptions);
 *                               ResponseBodies reads the answer; NotConnectedException names
 *                               a connection never made
 *     ApiResponseBytesDecoder, SignalingDecoders
 *                               an answer becomes a typed model (WireFailure keeps the fields
 *                               the spec does not name) or a ResponseSignal for an error status
 *     OutcomeMapper             the three documented outcomes as a ResendResult, anything else
 *                               as an exception; ResponseHeaders reads the spec's headers
 *   Telemetry                   observations, when Micrometer was given (MicrometerTelemetry)
 *   RedactingLogger             the HTTP log, each line named by its AttemptLabel (batch and
 *                               attempt); RetryNotes says why an attempt is retried or not
 * </pre>
 *
 * <p>A {@code resendAll} run, whose every batch is one such call:
 *
 * <pre>
 * BatchResender                 the entry: IDs deduplicated and checked (IdRules.unique), the
 *                               journal opened, the IDs split; returns the merged run as values
 *   BatchDispatcher             the queue and the workers: takes batches while the limiter has
 *                               room, sends a 429's batch back to the front, stops the run
 *     ConcurrencyLimiter        how many batches may be in flight, and when the next may start
 *                               (slow start, capacity 429, quota pause, probing)
 *     RateLimitRules            how long a refused batch waits, and when the run stops instead
 *     BatchKeys                 each batch's idempotency key, derived from the run's base key
 *     BatchOutcomes             what each batch ended as; merged in batch order at the end
 *     RunProgress               the running totals, and the calls of the listeners
 *     RunJournal, JournalReader the write-ahead journal: written before and after each batch,
 *                               read back (and checked line by line) to resume a run
 * </pre>
 *
 * <p>A {@code findFailedCallouts} call:
 *
 * <pre>
 * FailedCalloutFinder           submit, poll (capped backoff), fetch; cancels the job when it
 *                               gives up, and says why (QueryJobException)
 *   FailedCalloutSql            the query's SQL: one fixed shape, values only as literals
 *   QueryJobs                   the three Data Query calls through the generated DataQueryApi,
 *                               retried as ResendExecutor's are (a submit only when no job can
 *                               have started); RefusalMapper types Zuora's refusals
 *   ResultDownload              the result file (SignedUrlFetch: no Zuora header, same
 *                               origin only), bounded, gunzipped, checked whole (ResultRows reads
 *                               each row) into a FoundFile, the kept rows on disk
 * </pre>
 *
 * <p>Text from an answer goes through {@link dev.zuoraclient.callouts.internal.SafeText} (secrets
 * out, terminal controls escaped) and the HTTP log through {@link
 * dev.zuoraclient.callouts.internal.RedactingLogger}.
 */
package dev.zuoraclient.callouts.internal;
