package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.BatchError;
import dev.zuoraclient.callouts.BatchNotSentException;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraPermissionException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.internal.SafeText;
import java.util.List;
import java.util.Locale;

/**
 * The one cause that explains why a run ended with IDs unresolved, when there is one: Zuora refused
 * the token (401) or the permission (403), no token could be had, or no connection could be made.
 * Every batch error of the run must come from it, directly or as a batch the run did not send after
 * it; a run with errors of other kinds (a timeout, a 5xx, Ctrl-C) has none, and its report lists
 * the errors as they are. Told apart by the library's exception types, never by their messages.
 *
 * <p>The table report leads with {@link #line()}, stderr's closing lines too, and the JSON document
 * carries it as {@code cause}.
 *
 * @param kind what went wrong
 * @param message the library's message of the error, with its status and request ID
 * @param hint what to check, in a sentence
 */
record RunCause(Kind kind, String message, String hint) {

  /** The kinds of cause, with the name the JSON document gives each. */
  enum Kind {
    /** Zuora answered 401: the token was refused. */
    UNAUTHORIZED,
    /** Zuora answered 403: the token may not do this, here. */
    FORBIDDEN,
    /** No bearer token could be had: the token request failed. */
    NO_TOKEN,
    /** No connection to the server could be made: nothing was sent. */
    NO_CONNECTION;

    /** {@code unauthorized}, {@code forbidden}, {@code no-token} or {@code no-connection}. */
    String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The cause of a run's end, or null when no single one explains it.
   *
   * @param errors the run's batch errors
   * @param server where the run went, for the hint; null when unknown
   * @param credentials where the credentials came from (variable names, never values), or null
   */
  static RunCause of(List<BatchError> errors, RunReport.Target server, String credentials) {
    RuntimeException direct = null;
    RuntimeException stopper = null;
    Kind kind = null;
    for (BatchError e : errors) {
      RuntimeException root = root(e.error());
      Kind k = kindOf(root);
      if (k == null || (kind != null && k != kind)) {
        return null;
      }
      kind = k;
      // a batch that got the error itself says it best; one not sent after it only repeats it
      if (root == e.error() && direct == null) {
        direct = root;
      } else if (root != e.error() && stopper == null) {
        stopper = root;
      }
    }
    RuntimeException error = direct != null ? direct : stopper;
    if (error == null) {
      return null;
    }
    return new RunCause(kind, RunReport.message(error), hint(kind, error, server, credentials));
  }

  /**
   * The cause of one error (a find's, say), or null when it is not one of the kinds a hint helps
   * with.
   */
  static RunCause of(RuntimeException error, RunReport.Target server, String credentials) {
    Kind kind = kindOf(error);
    return kind == null
        ? null
        : new RunCause(kind, RunReport.message(error), hint(kind, error, server, credentials));
  }

  /** One line for a person: {@code Cause: MESSAGE. HINT}, escaped for a terminal. */
  String line() {
    return "Cause: " + SafeText.printable(message) + ". " + SafeText.printable(hint);
  }

  /** The error that stopped the run, for a batch that was not sent because of it. */
  private static RuntimeException root(RuntimeException e) {
    if (e instanceof BatchNotSentException n
        && n.reason() == BatchNotSentException.Reason.STOPPED_BY_ERROR
        && n.getCause() instanceof RuntimeException stopper) {
      return stopper;
    }
    return e;
  }

  private static Kind kindOf(RuntimeException e) {
    if (e instanceof ZuoraAuthenticationException) {
      return Kind.UNAUTHORIZED;
    }
    if (e instanceof ZuoraPermissionException) {
      return Kind.FORBIDDEN;
    }
    if (e instanceof ZuoraTokenException) {
      return Kind.NO_TOKEN;
    }
    if (e instanceof ZuoraConnectionException) {
      return Kind.NO_CONNECTION;
    }
    return null;
  }

  private static String hint(
      Kind kind, RuntimeException e, RunReport.Target server, String credentials) {
    String checkCredentials =
        "Check the credentials"
            + (credentials == null ? "" : " (" + credentials + ")")
            + " and that the tenant is on "
            + where(server);
    return switch (kind) {
      case UNAUTHORIZED -> checkCredentials + " (a token from another environment is refused).";
      case FORBIDDEN ->
          "The token is valid but may not resend callout notifications here: check the"
              + " permissions of the OAuth client's user, and --entity-id and --org-ids on a"
              + " multi-entity or multi-org tenant.";
      case NO_TOKEN -> noToken((ZuoraTokenException) e, checkCredentials, server);
      case NO_CONNECTION -> noConnection((ZuoraConnectionException) e, server);
    };
  }

  private static String noToken(
      ZuoraTokenException e, String checkCredentials, RunReport.Target server) {
    int status = e.statusCode().orElse(0);
    if (status == 429 || status >= 500) {
      return "Zuora's token endpoint is busy or failing: try again in a few minutes.";
    }
    if (status == 0) {
      return "Check that " + where(server) + " can be reached from here (network, proxy).";
    }
    return checkCredentials + ".";
  }

  private static String noConnection(ZuoraConnectionException e, RunReport.Target server) {
    String proxy = e.proxy().map(p -> " (or the proxy " + p + ")").orElse("");
    boolean zuora = server != null && server.environment() != null;
    return switch (e.reason()) {
      case REFUSED ->
          zuora
              ? "Check the network, and any proxy or firewall, between here and " + e.host() + "."
              : "Check that the address and port of "
                  + where(server)
                  + " are right and that the server"
                  + proxy
                  + " is up.";
      case NO_SUCH_HOST -> "Check the host name, and the DNS" + proxy + " in use.";
      case CONNECT_TIMEOUT ->
          "Check the network, and any proxy or firewall, between here and " + e.host() + ".";
      case TLS_HANDSHAKE ->
          "Check that the server speaks https and that this JVM trusts its certificate (a proxy"
              + " that inspects TLS needs its CA in the truststore).";
    };
  }

  /** {@code --env NAME}, {@code --base-url URL}, or the embedded simulator. */
  private static String where(RunReport.Target server) {
    if (server == null) {
      return "the server";
    }
    if (server.simulator()) {
      return "the embedded simulator";
    }
    return server.environment() != null
        ? "--env " + EnvironmentNames.of(server.environment())
        : "--base-url " + server.url();
  }
}
