package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.internal.IdRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the benchmark threads spent their time running Java code, from the execution samples of a
 * Flight Recorder file, split two ways.
 *
 * <ul>
 *   <li>By step of a call: each sample goes to the innermost frame that belongs to a step (the
 *       UTF-8 decoding of a body Jackson reads through a {@code Reader} is decoding, a socket read
 *       under {@code HttpURLConnection} is the HTTP exchange).
 *   <li>By layer: the JDK's HTTP and socket code wherever it is called from, otherwise the first
 *       frame from the top that is not the JDK's (a regex run by Feign counts as Feign).
 * </ul>
 */
final class JfrSummary {
  /** One part of a call, recognised by the methods that do it. */
  record Step(String name, Predicate<String> method) {}

  static final List<Step> STEPS =
      List.of(
          new Step(
              "check the IDs",
              m ->
                  m.startsWith(IdRules.class.getName() + ".")
                      || m.startsWith("dev.zuoraclient.callouts.internal.HeaderRules.")
                      || m.endsWith("TransportCandidates.call")),
          new Step("idempotency key (UUID)", m -> m.equals("java.util.UUID.randomUUID")),
          new Step(
              "encode the IDs (JSON)",
              m ->
                  m.startsWith("feign.jackson.JacksonEncoder.")
                      || m.startsWith("com.fasterxml.jackson.databind.ObjectMapper.writeValue")
                      || m.startsWith("com.fasterxml.jackson.databind.ObjectWriter.")),
          new Step(
              "decode the answer (JSON)",
              m ->
                  m.startsWith("feign.jackson.JacksonDecoder.")
                      || m.startsWith("dev.zuoraclient.callouts.internal.ApiResponseBytesDecoder.")
                      || m.startsWith("com.fasterxml.jackson.databind.ObjectMapper.readValue")
                      || m.startsWith("com.fasterxml.jackson.databind.ObjectMapper._readMapAnd")),
          new Step(
              "map the outcome",
              m ->
                  m.startsWith("dev.zuoraclient.callouts.internal.OutcomeMapper.")
                      || m.startsWith("dev.zuoraclient.callouts.ResendResult")),
          new Step(
              "HTTP exchange (JDK client)",
              m ->
                  m.startsWith("java.net.")
                      || m.startsWith("sun.net.")
                      || m.startsWith("sun.nio.ch.")
                      || m.startsWith("jdk.internal.net.")),
          new Step(
              "build the request (Feign)",
              m ->
                  m.startsWith("feign.RequestTemplate")
                      || m.startsWith("feign.template.")
                      || m.startsWith("feign.ReflectiveFeign$BuildTemplate")
                      || m.startsWith("feign.RequestTemplateFactoryResolver")
                      || m.startsWith("feign.SynchronousMethodHandler.targetRequest")
                      || m.startsWith("dev.zuoraclient.callouts.internal.AuthInterceptor.")),
          new Step(
              "adapt request and response (Feign client)",
              m ->
                  m.startsWith("feign.DefaultClient.")
                      || m.startsWith("feign.Response.")
                      || m.startsWith("feign.Response$")
                      || m.startsWith("dev.zuoraclient.callouts.internal.HttpClientTransport")));

  static final List<String> STEP_NAMES;

  static {
    List<String> names = new ArrayList<>();
    STEPS.forEach(s -> names.add(s.name()));
    names.add("rest of Feign");
    names.add("rest of the library");
    names.add("other");
    STEP_NAMES = List.copyOf(names);
  }

  static final List<String> LAYERS =
      List.of(
          "library (adapter)",
          "generated binding",
          "Feign",
          "Jackson",
          "JDK HTTP and sockets",
          "caller (benchmark code)",
          "other");

  final int samples;
  final Map<String, Integer> bySteps;
  final Map<String, Integer> byLayer;
  final List<Map.Entry<String, Integer>> topInclusive;
  final List<Map.Entry<String, Integer>> topSelf;

  private JfrSummary(
      int samples,
      Map<String, Integer> bySteps,
      Map<String, Integer> byLayer,
      List<Map.Entry<String, Integer>> topInclusive,
      List<Map.Entry<String, Integer>> topSelf) {
    this.samples = samples;
    this.bySteps = bySteps;
    this.byLayer = byLayer;
    this.topInclusive = topInclusive;
    this.topSelf = topSelf;
  }

  double stepShare(String step) {
    return samples == 0 ? Double.NaN : bySteps.get(step) / (double) samples;
  }

  double layerShare(String layer) {
    return samples == 0 ? Double.NaN : byLayer.get(layer) / (double) samples;
  }

  static JfrSummary read(Path jfr, int top) throws IOException {
    Map<String, Integer> bySteps = new LinkedHashMap<>();
    STEP_NAMES.forEach(s -> bySteps.put(s, 0));
    Map<String, Integer> byLayer = new LinkedHashMap<>();
    LAYERS.forEach(l -> byLayer.put(l, 0));
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedThread thread = e.getThread("sampledThread");
      RecordedStackTrace stack = e.getStackTrace();
      if (thread == null
          || stack == null
          || stack.getFrames().isEmpty()
          || thread.getJavaName() == null
          || !thread.getJavaName().contains("jmh-worker")) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      bySteps.merge(step(frames), 1, Integer::sum);
      byLayer.merge(layer(frames), 1, Integer::sum);
      self.merge(method(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String m = method(f);
        if (isOurs(m) && seen.add(m)) {
          inclusive.merge(m, 1, Integer::sum);
        }
      }
    }
    int all = samples;
    // Frames on nearly every sample (the entry point, Feign's proxy) say nothing.
    inclusive.values().removeIf(c -> c > 0.95 * all);
    return new JfrSummary(samples, bySteps, byLayer, top(inclusive, top), top(self, top));
  }

  private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    return sorted.subList(0, Math.min(n, sorted.size()));
  }

  private static String step(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String m = method(f);
      for (Step s : STEPS) {
        if (s.method().test(m)) {
          return s.name();
        }
      }
    }
    for (RecordedFrame f : frames) {
      String m = method(f);
      if (m.startsWith("feign.")) {
        return "rest of Feign";
      }
      if (m.startsWith("dev.zuoraclient.callouts.") && !isBenchmark(m)) {
        return "rest of the library";
      }
    }
    return "other";
  }

  private static String layer(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = type(f);
      if (type.startsWith("sun.net.")
          || type.startsWith("java.net.")
          || type.startsWith("sun.nio.ch.")
          || type.startsWith("jdk.internal.net.")) {
        return "JDK HTTP and sockets";
      }
      if (type.startsWith("dev.zuoraclient.callouts.internal.generated.")) {
        return "generated binding";
      }
      if (isBenchmark(type)) {
        return "caller (benchmark code)";
      }
      if (type.startsWith("dev.zuoraclient.callouts.")) {
        return "library (adapter)";
      }
      if (type.startsWith("feign.")) {
        return "Feign";
      }
      if (type.startsWith("com.fasterxml.jackson.")) {
        return "Jackson";
      }
    }
    return "other";
  }

  private static boolean isBenchmark(String name) {
    return name.startsWith("dev.zuoraclient.callouts.bench.")
        || name.contains("Benchmark")
        || name.contains(".jmh_generated.");
  }

  /** Methods of the library and Feign that do work, not the plumbing every call goes through. */
  private static boolean isOurs(String m) {
    return (m.startsWith("dev.zuoraclient.callouts.") || m.startsWith("feign."))
        && !isBenchmark(m)
        && !m.contains("$$Lambda")
        && !m.startsWith("feign.SynchronousMethodHandler.")
        && !m.startsWith("feign.ReflectiveFeign$FeignInvocationHandler.")
        && !m.startsWith("feign.InvocationContext.")
        && !m.startsWith("feign.ResponseInterceptor");
  }

  private static String type(RecordedFrame f) {
    return f.getMethod() == null ? "?" : f.getMethod().getType().getName();
  }

  private static String method(RecordedFrame f) {
    return f.getMethod() == null ? "?" : type(f) + "." + f.getMethod().getName();
  }
}
