/**
 * Finding failed callouts in Zuora's callout history, to resend them: a typed {@link
 * dev.zuoraclient.callouts.history.FailedCalloutQuery}, run as a Data Query job by {@code
 * CalloutResendClient.findFailedCallouts}, gives {@link
 * dev.zuoraclient.callouts.history.FailedCallouts}, whose {@code ids()} {@code resendAll} takes.
 */
package dev.zuoraclient.callouts.history;
