/**
 * Where a client's bearer tokens come from. A fixed token needs nothing from here ({@code
 * CalloutResendClient.builder().accessToken(token)}); {@code clientCredentials(id, secret)} builds
 * a {@link dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider} for the client, which gets
 * tokens from Zuora's {@code POST /oauth/token} and renews them before they expire (one token
 * request however many threads need one).
 *
 * <ul>
 *   <li>{@link dev.zuoraclient.callouts.auth.AccessTokenProvider}: the one method a client asks
 *       before each request; implement it to take tokens from your own store.
 *   <li>{@link dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider}: the OAuth client
 *       credentials flow, with the same transport settings as the client. Build one yourself to
 *       share it between clients (then close it after the last of them).
 * </ul>
 *
 * <p>A token request that fails throws {@link
 * dev.zuoraclient.callouts.exception.ZuoraTokenException}. Tokens and secrets never appear in a
 * message, a log line or a {@code toString()}.
 */
package dev.zuoraclient.callouts.auth;
