package dev.zuoraclient.callouts.simulator;

import dev.zuoraclient.callouts.CalloutResendClient;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ZuoraSimulator} as a JUnit 5 fixture: started on a free loopback port, {@link
 * ZuoraSimulator#reset() reset} before every test (faults, counters, recorded requests, rate-limit
 * window and runtime seeds of one test never reach the next), closed at the end, with a client
 * pointed at it.
 *
 * <pre>{@code
 * class BillingJobTest {
 *   @RegisterExtension
 *   static final ZuoraSimulatorExtension zuora = ZuoraSimulatorExtension.create();
 *
 *   @Test
 *   void reportsWhatZuoraRefused() {
 *     BatchResendResult result = zuora.client().resendAll(List.of("a1", "unknown-1"));
 *
 *     assertEquals(List.of("a1"), result.accepted());
 *     assertEquals(1, zuora.simulator().resendCount("a1"));
 *   }
 * }
 * }</pre>
 *
 * <p>IDs are seeded by the simulator's one rule, as in {@link ZuoraSimulator#builder()} and the
 * command line's embedded simulator: every ID is resent, except those starting with {@value
 * ZuoraSimulator#UNKNOWN_ID_PREFIX}, which fail with {@code ObjectNotFound}. The simulator accepts
 * the bearer token {@value #TOKEN} and the OAuth client {@value #CLIENT_ID} / {@value
 * #CLIENT_SECRET}. {@link #create(Supplier)} takes a builder of your own instead.
 *
 * <p>In a {@code static} field the simulator serves the whole class; in an instance field, each
 * test gets its own. Tokens and OAuth clients added at run time are kept by {@code reset()}. The
 * reset before each test assumes the class's tests run one at a time (JUnit's default): with
 * JUnit's parallel execution, use an instance field, or run the class with
 * {@code @Execution(ExecutionMode.SAME_THREAD)}.
 */
public final class ZuoraSimulatorExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  /** The bearer token the default simulator accepts and {@link #client()} sends. */
  public static final String TOKEN = "test-token";

  /** The OAuth client ID the default simulator knows. */
  public static final String CLIENT_ID = "test-client";

  /** The OAuth client secret of {@link #CLIENT_ID}. */
  public static final String CLIENT_SECRET = "test-secret";

  private final Supplier<ZuoraSimulator.Builder> configuration;
  private ZuoraSimulator simulator;
  private CalloutResendClient client;
  private boolean perTest;
  private String owner; // the class context that started it; @Nested classes share it

  private ZuoraSimulatorExtension(Supplier<ZuoraSimulator.Builder> configuration) {
    this.configuration = configuration;
  }

  /**
   * The default fixture: IDs by the {@value ZuoraSimulator#UNKNOWN_ID_PREFIX} convention, token
   * {@value #TOKEN}, OAuth client {@value #CLIENT_ID}.
   */
  public static ZuoraSimulatorExtension create() {
    return create(
        () -> ZuoraSimulator.builder().acceptToken(TOKEN).client(CLIENT_ID, CLIENT_SECRET));
  }

  /**
   * A fixture with a simulator of your own, for example {@code create(() ->
   * ZuoraSimulator.builder().acceptToken(TOKEN).maxInFlight(3))}. {@link #client()} sends {@value
   * #TOKEN}: accept it, or build your own client from {@link #clientBuilder()}.
   */
  public static ZuoraSimulatorExtension create(Supplier<ZuoraSimulator.Builder> configuration) {
    return new ZuoraSimulatorExtension(Objects.requireNonNull(configuration, "configuration"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (simulator == null) {
      owner = context.getUniqueId();
      start();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (simulator == null) {
      perTest = true;
      start();
    } else {
      simulator.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(owner)) {
      owner = null;
      stop();
    }
  }

  /** The simulator, to seed IDs, inject faults and read back requests. */
  public ZuoraSimulator simulator() {
    return running(simulator);
  }

  /** A client pointed at the simulator, sending {@value #TOKEN}; shared by the tests. */
  public CalloutResendClient client() {
    return running(client);
  }

  /** A builder pointed at the simulator, with no token source yet: add one and build. */
  public CalloutResendClient.Builder clientBuilder() {
    return CalloutResendClient.builder().baseUri(baseUri());
  }

  /** Where the simulator listens. */
  public URI baseUri() {
    return simulator().baseUri();
  }

  private void start() {
    simulator = configuration.get().start();
    client = clientBuilder().accessToken(TOKEN).build();
  }

  private void stop() {
    if (simulator != null) {
      client.close();
      simulator.close();
      simulator = null;
      client = null;
    }
  }

  private static <T> T running(T value) {
    if (value == null) {
      throw new IllegalStateException(
          "the simulator runs only inside a test: register the extension with @RegisterExtension");
    }
    return value;
  }
}
