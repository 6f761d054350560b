package dev.zuoraclient.callouts.internal;

/** (6) over Apache HttpClient 5 (feign-hc5). */
public class LibraryOverHc5Benchmark extends LibraryTransportBenchmark {
  @Override
  String transport() {
    return "hc5";
  }
}
