/**
 * The simulator: an in-process fake of Zuora's resend and OAuth endpoints, and its JUnit 5
 * extension, for tests.
 *
 * <p>A named module, so that it can say what it needs: the JDK's HTTP server ({@code
 * jdk.httpserver}, which the module system does not resolve by default) and the library, whose
 * client the extension hands out. A consumer on the module path needs no {@code --add-modules}.
 * JUnit's API is needed only by those who use the extension, and they bring JUnit themselves.
 *
 * <p>Compiled on its own, against the simulator's classes (see the {@code simulator-descriptor}
 * execution in {@code pom.xml}): the simulator is built in the same compilation as the library but
 * ships in its own jar.
 */
module dev.zuoraclient.callouts.simulator {
  // In the API: ZuoraSimulatorExtension.client() returns the library's CalloutResendClient.
  requires transitive dev.zuoraclient.callouts;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  // ZuoraSimulatorExtension implements JUnit's callbacks; ZuoraSimulator alone does not need JUnit.
  requires static org.junit.jupiter.api;

  exports dev.zuoraclient.callouts.simulator;
}
