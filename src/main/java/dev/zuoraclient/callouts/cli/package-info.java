/**
 * The operators' command line: {@code zuora-callout-resend resend [OPTIONS] [ID...]}, built on the
 * public API of {@link dev.zuoraclient.callouts.CalloutResendClient}. Entry point: {@link
 * dev.zuoraclient.callouts.cli.Main}. Nothing here is part of the library's API.
 */
package dev.zuoraclient.callouts.cli;
