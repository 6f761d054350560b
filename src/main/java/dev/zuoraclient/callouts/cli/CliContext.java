package dev.zuoraclient.callouts.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a run of the command may touch outside itself. Passed in rather than taken from {@code
 * System} so that tests run the command in-process with their own streams and environment.
 *
 * @param stdin read only for {@code --ids-file -}
 * @param out the report, and nothing else
 * @param err notes, progress, HTTP logs and error messages
 * @param env the environment variables holding the credentials
 */
record CliContext(InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) {}
