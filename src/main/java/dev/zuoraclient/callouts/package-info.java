/**
 * The client for Zuora's "Resend callout notifications" operation ({@code POST
 * /notifications/callout-histories/resend}), and the values it takes and returns. Start with {@link
 * dev.zuoraclient.callouts.CalloutResendClient}: build one with {@code
 * CalloutResendClient.builder()}, share it, close it at shutdown. Its class javadoc opens with an
 * example.
 *
 * <ul>
 *   <li><b>One call</b>, up to {@link
 *       dev.zuoraclient.callouts.CalloutResendClient#MAX_IDS_PER_REQUEST} IDs: {@code resend(ids,
 *       }{@link dev.zuoraclient.callouts.ResendOptions}{@code )} returns a {@link
 *       dev.zuoraclient.callouts.ResendResult}, one of Zuora's three documented outcomes (all
 *       resent, some failed, all failed), with a {@link dev.zuoraclient.callouts.ResendFailure} for
 *       each ID Zuora refused.
 *   <li><b>Any number of IDs</b>: {@code resendAll(ids, }{@link
 *       dev.zuoraclient.callouts.BatchOptions}{@code )} splits them into batches, shares the
 *       tenant's capacity, can keep a journal to resume from, and returns a {@link
 *       dev.zuoraclient.callouts.BatchResendResult}: every ID accepted, failed or unresolved, and a
 *       {@link dev.zuoraclient.callouts.BatchError} saying why for each unresolved batch.
 *   <li><b>Settings</b>: {@link dev.zuoraclient.callouts.ZuoraEnvironment} (the servers), {@link
 *       dev.zuoraclient.callouts.RetryPolicy}, {@link dev.zuoraclient.callouts.HttpLogLevel}.
 * </ul>
 *
 * <p>Every other answer is an unchecked exception of {@link dev.zuoraclient.callouts.exception};
 * tokens come from {@link dev.zuoraclient.callouts.auth}. Input that breaks a rule fails with
 * {@link IllegalArgumentException} naming the field and the rule, before anything is sent.
 *
 * <p>{@code DefaultCalloutResendClient}, the implementation, lives here beside its interface but is
 * not public. The machinery under it is in {@code internal}, which the module does not export and
 * which changes without notice.
 */
package dev.zuoraclient.callouts;
