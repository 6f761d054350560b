package dev.zuoraclient.callouts.bench;

/** The floor of every cold start: a JVM that starts, loads one class and exits. */
public final class EmptyMain {
  private EmptyMain() {}

  public static void main(String[] args) {
    // nothing: the JVM's own start and exit are what is measured
  }
}
