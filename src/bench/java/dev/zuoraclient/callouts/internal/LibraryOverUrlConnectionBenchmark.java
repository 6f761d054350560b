package dev.zuoraclient.callouts.internal;

/** (4) over {@code HttpURLConnection} (Feign's {@code DefaultClient}, request buffering on). */
public class LibraryOverUrlConnectionBenchmark extends LibraryTransportBenchmark {
  @Override
  String transport() {
    return "urlconnection";
  }
}
