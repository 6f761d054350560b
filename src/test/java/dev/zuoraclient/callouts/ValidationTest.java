package dev.zuoraclient.callouts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.zuoraclient.callouts.internal.SpecRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule is enforced before any I/O: the server never sees a rejected call. */
class ValidationTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static CalloutResendClient client;

  @BeforeEach
  void setUp() {
    wm.stubFor(
        post(urlEqualTo(CalloutResendClientTest.PATH)).willReturn(aResponse().withStatus(202)));
    client = CalloutResendClient.builder().baseUri(wm.baseUrl()).accessToken("t0k").build();
  }

  @AfterEach
  void nothingWasSent() {
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  /** The spec's maxLength of Zuora-Track-Id and of Idempotency-Key. */
  static final int TRACK_ID_MAX = SpecRules.ZUORA_TRACK_ID.maxLength();

  static final int KEY_MAX = SpecRules.IDEMPOTENCY_KEY.maxLength();

  static Stream<Arguments> badIds() {
    List<String> withNull = new ArrayList<>(List.of("a"));
    withNull.add(null);
    int max = CalloutResendClient.MAX_IDS_PER_REQUEST;
    List<String> tooMany =
        IntStream.range(0, max + 1).mapToObj(i -> "id" + i).collect(Collectors.toList());
    return Stream.of(
        Arguments.of("empty list", List.of(), "ids must not be empty"),
        Arguments.of("null element", withNull, "ids[1] must not be null"),
        Arguments.of("blank", List.of("a", "  "), "ids[1] must not be blank"),
        Arguments.of("empty string", List.of(""), "ids[0] must not be blank"),
        Arguments.of("newline", List.of("a\nb"), "ids[0] must not contain control characters"),
        Arguments.of("tab", List.of("ok", "a\tb"), "ids[1] must not contain control characters"),
        Arguments.of("NUL", List.of("a\u0000"), "ids[0] must not contain control characters"),
        Arguments.of(
            "maxItems + 1 IDs",
            tooMany,
            "ids must hold at most " + max + " IDs per request (got " + (max + 1) + ")"),
        Arguments.of(
            "duplicate",
            List.of("a", "b", "a"),
            "ids must not contain duplicates ('a' at indexes 0 and 2)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIds")
  void resend_rejectsBadIds_beforeSending(String name, List<String> ids, String message) {
    assertThatThrownBy(() -> client.resend(ids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  /** A callout history ID as Zuora's docs show one. */
  static final String ID = "a02ea6d76931475bb73fcd339b5f6ht8g";

  /** IDs that print like {@link #ID}, or like nothing, but are other strings. */
  static Stream<Arguments> lookAlikes() {
    return Stream.of(
        Arguments.of(
            "a trailing no-break space",
            ID + "\u00a0",
            "ids[1] must not end with whitespace (got U+00A0 NO-BREAK SPACE at index 33 of '"
                + ID
                + "\\u00a0')"),
        Arguments.of(
            "a trailing space",
            ID + " ",
            "ids[1] must not end with whitespace (got U+0020 SPACE at index 33 of '" + ID + " ')"),
        Arguments.of(
            "a leading figure space",
            "\u2007" + ID,
            "ids[1] must not start with whitespace (got U+2007 FIGURE SPACE at index 0 of"
                + " '\\u2007"
                + ID
                + "')"),
        Arguments.of(
            "a trailing narrow no-break space",
            ID + "\u202f",
            "ids[1] must not end with whitespace (got U+202F NARROW NO-BREAK SPACE at index 33"),
        Arguments.of(
            "a leading ideographic space",
            "\u3000" + ID,
            "ids[1] must not start with whitespace (got U+3000 IDEOGRAPHIC SPACE at index 0"),
        Arguments.of(
            "a byte order mark",
            "\ufeff" + ID,
            "ids[1] must not contain invisible format characters (got U+FEFF ZERO WIDTH NO-BREAK"
                + " SPACE at index 0 of '\\ufeff"
                + ID
                + "')"),
        Arguments.of(
            "a zero-width space inside",
            ID.substring(0, 8) + "\u200b" + ID.substring(8),
            "ids[1] must not contain invisible format characters (got U+200B ZERO WIDTH SPACE at"
                + " index 8 of '"
                + ID.substring(0, 8)
                + "\\u200b"
                + ID.substring(8)
                + "')"),
        Arguments.of(
            "a trailing zero-width joiner",
            ID + "\u200d",
            "ids[1] must not contain invisible format characters (got U+200D ZERO WIDTH JOINER"),
        Arguments.of(
            "a right-to-left mark",
            ID + "\u200f",
            "ids[1] must not contain invisible format characters (got U+200F RIGHT-TO-LEFT MARK"),
        Arguments.of(
            "a soft hyphen",
            ID.substring(0, 4) + "\u00ad" + ID.substring(4),
            "ids[1] must not contain invisible format characters (got U+00AD SOFT HYPHEN at index"
                + " 4"),
        Arguments.of(
            "a format character beyond the BMP",
            ID + "\udb40\udc01",
            "ids[1] must not contain invisible format characters (got U+E0001 LANGUAGE TAG at"
                + " index 33"),
        Arguments.of(
            "a line separator inside",
            ID.substring(0, 4) + "\u2028" + ID.substring(4),
            "ids[1] must not contain line or paragraph separators (got U+2028 LINE SEPARATOR at"
                + " index 4"),
        Arguments.of(
            "a trailing C1 control",
            ID + "\u0085",
            "ids[1] must not contain control characters (got U+0085 NEXT LINE (NEL) at index 33"),
        Arguments.of("only no-break spaces", "\u00a0\u202f", "ids[1] must not be blank"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookAlikes")
  void resend_refusesALookAlikeId_beforeSending(String name, String lookAlike, String message) {
    List<String> ids = List.of(ID, lookAlike);

    assertThatThrownBy(() -> client.resend(ids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookAlikes")
  void resendAll_refusesALookAlikeId_ratherThanSendingItAsAnotherId(
      String name, String lookAlike, String message) {
    List<String> ids = List.of(ID, lookAlike);

    assertThatThrownBy(() -> client.resendAll(ids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void resend_rejectsNullListAndNullOptions() {
    assertThatThrownBy(() -> client.resend(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("ids must not be null");
    assertThatThrownBy(() -> client.resend(List.of("a"), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("options must not be null");
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(
            "trackId colon",
            (Supplier<ResendOptions>) () -> ResendOptions.builder().trackId("a:b").build(),
            "trackId must not contain ':' (got 'a:b')"),
        Arguments.of(
            "trackId semicolon", opts(b -> b.trackId("a;b")), "trackId must not contain ';'"),
        Arguments.of(
            "trackId double quote", opts(b -> b.trackId("a\"b")), "trackId must not contain '\"'"),
        Arguments.of(
            "trackId single quote", opts(b -> b.trackId("a'b")), "trackId must not contain '''"),
        Arguments.of(
            "trackId non-ASCII",
            opts(b -> b.trackId("caf\u00e9")),
            "trackId must be printable US-ASCII"),
        Arguments.of(
            "trackId CRLF",
            opts(b -> b.trackId("a\r\nX-Evil: 1")),
            "trackId must not contain CR or LF"),
        Arguments.of(
            "trackId maxLength + 1 chars",
            opts(b -> b.trackId("x".repeat(TRACK_ID_MAX + 1))),
            "trackId must be at most "
                + TRACK_ID_MAX
                + " characters (got "
                + (TRACK_ID_MAX + 1)
                + ")"),
        Arguments.of("trackId empty", opts(b -> b.trackId("")), "trackId must not be empty"),
        Arguments.of(
            "trackId edge space",
            opts(b -> b.trackId(" a")),
            "trackId must not start or end with a space"),
        Arguments.of(
            "idempotencyKey maxLength + 1",
            opts(b -> b.idempotencyKey("k".repeat(KEY_MAX + 1))),
            "idempotencyKey must be at most "
                + KEY_MAX
                + " characters (got "
                + (KEY_MAX + 1)
                + ")"),
        Arguments.of(
            "idempotencyKey LF",
            opts(b -> b.idempotencyKey("k\n")),
            "idempotencyKey must not contain CR or LF"),
        Arguments.of(
            "idempotencyKey space",
            opts(b -> b.idempotencyKey("a b")),
            "idempotencyKey must be printable US-ASCII without spaces"),
        Arguments.of(
            "entityId comma", opts(b -> b.entityId("e1,e2")), "entityId must not contain ','"),
        Arguments.of(
            "entityId CR", opts(b -> b.entityId("e1\r")), "entityId must not contain CR or LF"),
        Arguments.of("orgIds empty", opts(b -> b.orgIds(List.of())), "orgIds must not be empty"),
        Arguments.of(
            "orgIds null element",
            opts(b -> b.orgIds(Arrays.asList("o1", null))),
            "orgIds[1] must not be null"),
        Arguments.of(
            "orgIds comma",
            opts(b -> b.orgIds(List.of("o1,o2"))),
            "orgIds[0] must not contain ','"),
        Arguments.of(
            "orgIds LF",
            opts(b -> b.orgIds(List.of("o\n"))),
            "orgIds[0] must not contain CR or LF"));
  }

  static Supplier<ResendOptions> opts(java.util.function.Consumer<ResendOptions.Builder> c) {
    return () -> {
      ResendOptions.Builder b = ResendOptions.builder();
      c.accept(b);
      return b.build();
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void options_rejectBrokenHeaderRules_beforeSending(
      String name, Supplier<ResendOptions> options, String message) {
    assertThatThrownBy(() -> client.resend(List.of("a"), options.get()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aTokenWithCrLf_isRejectedBeforeSending_withoutShowingTheToken() {
    CalloutResendClient bad =
        CalloutResendClient.builder()
            .baseUri(wm.baseUrl())
            .accessTokenProvider(() -> "secret\r\nX: y")
            .build();

    assertThatThrownBy(() -> bad.resend(List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access token")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> CalloutResendClient.builder().accessToken("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("has space");
  }

  static Stream<Arguments> badBuilders() {
    return Stream.of(
        Arguments.of(
            (ThrowingCallable) () -> CalloutResendClient.builder().accessToken("t").build(),
            IllegalStateException.class,
            "an environment or a baseUri is required"),
        Arguments.of(
            (ThrowingCallable)
                () -> CalloutResendClient.builder().baseUri("https://rest.zuora.com").build(),
            IllegalStateException.class,
            "a token source is required: accessToken, accessTokenProvider or clientCredentials"),
        Arguments.of(
            (ThrowingCallable)
                () ->
                    CalloutResendClient.builder()
                        .environment(ZuoraEnvironment.EU_PRODUCTION)
                        .baseUri("https://x.example")
                        .accessToken("t")
                        .build(),
            IllegalStateException.class,
            "set either environment or baseUri, not both"),
        Arguments.of(
            (ThrowingCallable)
                () ->
                    CalloutResendClient.builder()
                        .baseUri("http://rest.zuora.com")
                        .accessToken("t")
                        .build(),
            IllegalArgumentException.class,
            "baseUri must use https unless the host is loopback"),
        Arguments.of(
            (ThrowingCallable)
                () -> CalloutResendClient.builder().baseUri("ftp://x").accessToken("t").build(),
            IllegalArgumentException.class,
            "baseUri must be an absolute http(s) URI"),
        Arguments.of(
            (ThrowingCallable)
                () ->
                    CalloutResendClient.builder()
                        .baseUri("https://x.example?q=1")
                        .accessToken("t")
                        .build(),
            IllegalArgumentException.class,
            "baseUri must not have a query or a fragment"),
        Arguments.of(
            (ThrowingCallable)
                () ->
                    CalloutResendClient.builder()
                        .baseUri("https://x.example")
                        .accessToken("t")
                        .readTimeout(java.time.Duration.ZERO)
                        .build(),
            IllegalArgumentException.class,
            "readTimeout must be positive"),
        Arguments.of(
            (ThrowingCallable)
                () ->
                    CalloutResendClient.builder()
                        .baseUri("https://x.example")
                        .accessToken("t")
                        .defaultEntityId("a,b")
                        .build(),
            IllegalArgumentException.class,
            "entityId must not contain ','"));
  }

  @ParameterizedTest
  @MethodSource("badBuilders")
  void builder_rejectsBadConfiguration(
      ThrowingCallable build, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(build).isInstanceOf(type).hasMessageStartingWith(message);
  }

  @Test
  void builder_acceptsHttpOnlyForLoopback() {
    for (String uri :
        List.of(
            "http://localhost:1",
            "http://127.0.0.1:1",
            "http://[::1]:1",
            "https://rest.zuora.com")) {
      assertThat(CalloutResendClient.builder().baseUri(uri).accessToken("t").build().baseUri())
          .hasToString(uri);
    }
    assertThat(
            CalloutResendClient.builder()
                .environment(ZuoraEnvironment.APAC_PRODUCTION)
                .accessToken("t")
                .build()
                .baseUri())
        .hasToString("https://rest.ap.zuora.com");
  }

  @Test
  void optionsToBuilder_neverCarriesTheIdempotencyKeyOver() {
    ResendOptions original =
        ResendOptions.builder()
            .trackId("t")
            .idempotencyKey("k")
            .entityId("e")
            .orgIds(List.of("o"))
            .gzipRequest(true)
            .build();

    ResendOptions copy = original.toBuilder().build();

    assertThat(copy.idempotencyKey()).isEmpty();
    assertThat(copy.trackId()).contains("t");
    assertThat(copy.entityId()).contains("e");
    assertThat(copy.orgIds()).contains(List.of("o"));
    assertThat(copy.gzipRequest()).isTrue();
  }

  @Test
  void environments_coverZuorasTenServers() {
    assertThat(ZuoraEnvironment.values()).hasSize(10);
    assertThat(ZuoraEnvironment.US_API_SANDBOX_1.baseUri())
        .hasToString("https://rest.sandbox.na.zuora.com");
  }
}
