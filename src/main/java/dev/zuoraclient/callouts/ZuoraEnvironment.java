package dev.zuoraclient.callouts;

import java.net.URI;

/** Zuora's REST servers, with the names Zuora gives them. */
public enum ZuoraEnvironment {
  /** US Developer &amp; Central Sandbox. */
  US_CENTRAL_SANDBOX("https://rest.test.zuora.com", "US Developer & Central Sandbox"),
  /** US API Sandbox (Cloud 1). */
  US_API_SANDBOX_1("https://rest.sandbox.na.zuora.com", "US API Sandbox (Cloud 1)"),
  /** US API Sandbox (Cloud 2). */
  US_API_SANDBOX_2("https://rest.apisandbox.zuora.com", "US API Sandbox (Cloud 2)"),
  /** US Production (Cloud 1). */
  US_PRODUCTION_1("https://rest.na.zuora.com", "US Production (Cloud 1)"),
  /** US Production (Cloud 2). */
  US_PRODUCTION_2("https://rest.zuora.com", "US Production (Cloud 2)"),
  /** EU Developer &amp; Central Sandbox. */
  EU_CENTRAL_SANDBOX("https://rest.test.eu.zuora.com", "EU Developer & Central Sandbox"),
  /** EU API Sandbox. */
  EU_API_SANDBOX("https://rest.sandbox.eu.zuora.com", "EU API Sandbox"),
  /** EU Production. */
  EU_PRODUCTION("https://rest.eu.zuora.com", "EU Production"),
  /** APAC Developer &amp; Central Sandbox. */
  APAC_CENTRAL_SANDBOX("https://rest.test.ap.zuora.com", "APAC Developer & Central Sandbox"),
  /** APAC Production. */
  APAC_PRODUCTION("https://rest.ap.zuora.com", "APAC Production");

  private final URI baseUri;
  private final String displayName;

  ZuoraEnvironment(String baseUri, String displayName) {
    this.baseUri = URI.create(baseUri);
    this.displayName = displayName;
  }

  /** The server's base URI, for example {@code https://rest.zuora.com}. */
  public URI baseUri() {
    return baseUri;
  }

  /** Zuora's name for the server, for example {@code US Production (Cloud 2)}. */
  public String displayName() {
    return displayName;
  }
}
