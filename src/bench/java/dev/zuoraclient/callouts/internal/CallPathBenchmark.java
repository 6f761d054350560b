package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.bench.Payloads;
import dev.zuoraclient.callouts.internal.generated.api.NotificationsApi;
import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.RequestTemplate;
import feign.Response;
import feign.codec.Decoder;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A call without the network: every contender's client-side work over an in-memory transport that
 * answers with the loopback server's bytes, and the steps of the library's call one by one. Average
 * time per call, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallPathBenchmark {
  private static final String REQUEST_ID = "3f1c2a4e-0000-4000-8000-00000000b0b0";

  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private byte[] answer;
  private Map<String, Collection<String>> headers;
  private Client inMemory;
  private Request request;
  private ObjectMapper plainMapper;
  private ObjectMapper libraryMapper;
  private JavaType failureMap;
  private Type apiResponseType;
  private ResendExecutor library;
  private NotificationsApi generated;
  private JacksonEncoder encoder;
  private JacksonDecoder jacksonDecoder;
  private Decoder libraryDecoder;
  private OutcomeMapper outcomes;
  private Map<String, ResendFailureBody> decoded;
  private ResendCall call;

  @Setup
  public void setUp() throws Exception {
    ids = Payloads.ids(payload);
    boolean b = payload.equals("B");
    answer = b ? Payloads.failureAnswer() : new byte[0];
    headers =
        b
            ? Map.of(
                "Zuora-Request-Id",
                List.of(REQUEST_ID),
                "Content-Type",
                List.of("application/json"))
            : Map.of("Zuora-Request-Id", List.of(REQUEST_ID));
    inMemory = (req, options) -> response(req);
    URI server = URI.create("http://127.0.0.1:9");
    request =
        Request.create(
            Request.HttpMethod.POST,
            server + Payloads.RESEND_PATH,
            Map.of(),
            new byte[0],
            StandardCharsets.UTF_8,
            null);
    plainMapper = new ObjectMapper();
    libraryMapper = WireSettings.objectMapper();
    failureMap =
        libraryMapper
            .getTypeFactory()
            .constructMapType(Map.class, String.class, ResendFailureBody.class);
    apiResponseType =
        CallPathBenchmark.class
            .getDeclaredMethod("bindingReturnType", NotificationsApi.class)
            .getGenericReturnType();
    library =
        new ResendExecutor(
            server,
            AccessTokenProvider.fixed(Payloads.TOKEN),
            new HttpSettings(
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(90)),
            HttpLogLevel.NONE,
            RetryPolicy.defaults(),
            Sleeper.REAL,
            Clock.systemUTC(),
            inMemory,
            Telemetry.NONE);
    generated =
        Feign.builder()
            .encoder(new JacksonEncoder())
            .decoder(new JacksonDecoder())
            .requestInterceptor(t -> t.header("Authorization", "Bearer " + Payloads.TOKEN))
            .client(inMemory)
            .target(NotificationsApi.class, server.toString());
    encoder = new JacksonEncoder(libraryMapper);
    jacksonDecoder = new JacksonDecoder(libraryMapper);
    libraryDecoder = SignalingDecoders.decoder(new ApiResponseBytesDecoder(libraryMapper));
    outcomes = new OutcomeMapper(libraryMapper, Clock.systemUTC(), text -> text);
    decoded = b ? libraryMapper.readValue(answer, failureMap) : Map.of();
    call = new ResendCall(ids, null, UUID.randomUUID().toString(), null, null, false);
  }

  private Response response(Request req) {
    return Response.builder()
        .status(202)
        .reason("Accepted")
        .headers(headers)
        .request(req)
        .body(answer)
        .build();
  }

  // ---- whole calls ----

  /** What the raw contenders do besides HTTP: a key, the JSON out, the JSON back. */
  @Benchmark
  public Object jacksonOnly() throws Exception {
    String key = UUID.randomUUID().toString();
    byte[] body = plainMapper.writeValueAsBytes(ids);
    Object failures =
        answer.length == 0 ? Map.of() : plainMapper.readValue(answer, ResendFailureMap.TYPE);
    return new Object[] {key, body, failures};
  }

  /** The generated interface with Feign's defaults, over the in-memory transport. */
  @Benchmark
  public Map<String, ResendFailureBody> generatedFeign() {
    return generated.resendCalloutNotifications(
        null, UUID.randomUUID().toString(), "gzip", null, null, null, ids);
  }

  /** The library: {@code resend}'s checks, then its executor over the in-memory transport. */
  @Benchmark
  public ResendResult library() throws Exception {
    List<String> checked = IdRules.checkRequest(ids);
    return library.resend(
        new ResendCall(checked, null, UUID.randomUUID().toString(), null, null, false));
  }

  // ---- the library's steps (payload B) ----

  @Benchmark
  public Object checkIds() throws Exception {
    return IdRules.checkRequest(ids);
  }

  @Benchmark
  public byte[] encodeToBytes() throws Exception {
    return libraryMapper.writeValueAsBytes(ids);
  }

  @Benchmark
  public RequestTemplate encodeWithFeign() {
    RequestTemplate template = new RequestTemplate();
    encoder.encode(ids, List.class, template);
    return template;
  }

  @Benchmark
  public Object decodeFromBytes() throws Exception {
    return libraryMapper.readValue(answer, failureMap);
  }

  @Benchmark
  public Object decodeThroughReader() throws Exception {
    return jacksonDecoder.decode(response(request), failureMap);
  }

  @Benchmark
  public Object decodeLibraryChain() throws Exception {
    return libraryDecoder.decode(inMemory.execute(request, null), apiResponseType);
  }

  @Benchmark
  public ResendResult mapOutcome() {
    return outcomes.decoded(call, 202, headers, decoded, 1);
  }

  /**
   * Never called: its return type is the one the generated {@code *WithHttpInfo} method returns,
   * checked by the compiler, and setUp reads it from here (a look-up of the generated method by its
   * parameter list would break only when the benchmark runs).
   */
  @SuppressWarnings("unused")
  private static ApiResponse<Map<String, ResendFailureBody>> bindingReturnType(
      NotificationsApi api) {
    return api.resendCalloutNotificationsWithHttpInfo(null, null, null, null, null, null, null);
  }

  /** The raw contenders' target type. */
  private static final class ResendFailureMap {
    static final com.fasterxml.jackson.core.type.TypeReference<Map<String, ResendFailureBody>>
        TYPE = new com.fasterxml.jackson.core.type.TypeReference<>() {};
  }
}
