package dev.zuoraclient.callouts.internal;

/** (5) over OkHttp (feign-okhttp). */
public class LibraryOverOkHttpBenchmark extends LibraryTransportBenchmark {
  @Override
  String transport() {
    return "okhttp";
  }
}
