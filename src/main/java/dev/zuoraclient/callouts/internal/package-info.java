/**
 * The wiring under the API: not exported by the module, free to change in any release.
 *
 * <p>One {@code resend} call, from the public client to the wire and back:
 *
 * <pre>
 * CalloutResendClient.resend / resendAll (BatchRunner splits, paces, journals)
 *   IdRule, HeaderRules, ValueRule
 *                               check IDs and headers against the spec's rules (SpecRules,
 *                               written by the build from the spec) before any I/O
 *   ResendExecutor              one call: attempts, waits and the call's deadline,
 *                               asking ErrorRules what each failure means
 *     AuthInterceptor           the bearer token (TokenClient fetches them for the
 *                               client-credentials provider)
 *     generated NotificationsApi (Feign, from the spec) with WireSettings (Feign, JSON)
 *       HttpClientTransport     each client's own java.net.http.HttpClient, bounded by
 *                               AttemptWatchdog and HttpSettings; ResponseBodies reads the answer;
 *                               NotConnectedException names a connection never made
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
 * <p>Text from an answer goes through {@link dev.zuoraclient.callouts.internal.SafeText} (secrets
 * out, terminal controls escaped) and the HTTP log through {@link
 * dev.zuoraclient.callouts.internal.RedactingLogger}.
 */
package dev.zuoraclient.callouts.internal;
