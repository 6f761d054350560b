package dev.zuoraclient.callouts.pact;

/**
 * The names in the pact files. Pact writes one file per consumer/provider pair, and a provider
 * verifies the pacts filed under its name, so these names are part of the contract.
 */
public final class PactParticipants {
  /** This library, as a consumer of Zuora's API. */
  public static final String CONSUMER = "zuora-callout-resend-client";

  /** Zuora's resend endpoint, {@code POST /notifications/callout-histories/resend}. */
  public static final String RESEND_PROVIDER = "zuora-callout-resend-api";

  /** Zuora's OAuth token endpoint, {@code POST /oauth/token}. */
  public static final String OAUTH_PROVIDER = "zuora-oauth";

  /**
   * Zuora's Data Query on the API host: {@code POST /query/jobs}, {@code GET} and {@code DELETE
   * /query/jobs/{job-id}}.
   */
  public static final String DATA_QUERY_PROVIDER = "zuora-data-query";

  /**
   * The storage host of Data Query's result files: {@code GET} of a job's pre-signed {@code
   * dataFile} URL, without Zuora's credentials. Not Zuora's API host, so a provider of its own.
   */
  public static final String QUERY_RESULTS_PROVIDER = "zuora-query-results";

  private PactParticipants() {}
}
