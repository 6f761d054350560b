package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.internal.FileErrors;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One secret, read from an owner-only file, from stdin or from a terminal without echo, and the
 * rule it must keep: it is used exactly as given, never trimmed, so one that starts or ends with
 * whitespace or holds a control character is refused, naming where it came from and never the
 * value. A file or stdin may end with one line break ({@code echo > file} and editors write one),
 * which is not part of the secret; a pasted value in a variable may not, as its line break was
 * pasted with it.
 */
final class SecretText {
  /** More than any token or secret: a larger file is not one. */
  private static final int MAX_SECRET_BYTES = 64 * 1024;

  private SecretText() {}

  /**
   * The secret in {@code file}, named by {@code variable}: a regular file only its owner can read,
   * whose one trailing line break is dropped.
   */
  static String fromFile(String variable, Path file) {
    String where = variable + " names " + SafeText.printable(file.toString());
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(where + ", which is not a regular file");
      }
      if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.contains(PosixFilePermission.GROUP_READ)
            || mode.contains(PosixFilePermission.OTHERS_READ)) {
          throw new IllegalArgumentException(
              where
                  + ", which other users can read ("
                  + PosixFilePermissions.toString(mode)
                  + "): make it readable by its owner alone (chmod 600 FILE)");
        }
      }
      if (Files.size(file) > MAX_SECRET_BYTES) {
        throw new IllegalArgumentException(where + ", which is too large to hold a secret");
      }
      return oneLine(decode(Files.readAllBytes(file), where), where + ", which");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + ", which cannot be read (" + FileErrors.describe(e) + ")");
    }
  }

  /** The secret on {@code stdin}, read for {@code option}: one line, its line break dropped. */
  static String fromStdin(InputStream stdin, String option) {
    String where = option + ": stdin";
    byte[] bytes;
    try {
      bytes = stdin.readNBytes(MAX_SECRET_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > MAX_SECRET_BYTES) {
      throw new IllegalArgumentException(where + " holds too much to be a secret");
    }
    return oneLine(decode(bytes, where), where);
  }

  /**
   * The secret typed on {@code terminal} at {@code prompt}, without echo; {@code err} gets the line
   * break that the terminal did not echo.
   */
  static String fromTerminal(Terminal terminal, PrintStream err, String prompt) {
    String line;
    try {
      line = terminal.readHidden(prompt);
    } catch (IOException e) {
      err.println();
      throw new IllegalArgumentException(
          "The secret could not be read from the terminal ("
              + SafeText.printable(e.getMessage())
              + "): nothing was sent");
    }
    err.println(); // the Enter that ended the line was not echoed either
    err.flush();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("No secret was typed at the prompt: nothing was sent");
    }
    check(line, "The secret typed at the prompt", "");
    return line;
  }

  private static String decode(byte[] bytes, String where) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(where + ", which is not UTF-8 text");
    }
  }

  /**
   * {@code text} without the one line break that ends a file or a line of input; anything else
   * around the secret is refused.
   *
   * @param where what holds the text, followed by a verb ("ZUORA_ACCESS_TOKEN_FILE names F, which")
   */
  private static String oneLine(String text, String where) {
    String secret =
        text.endsWith("\r\n")
            ? text.substring(0, text.length() - 2)
            : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (secret.isBlank()) {
      throw new IllegalArgumentException(where + " is empty");
    }
    String problem = shape(secret);
    if (problem != null) {
      throw new IllegalArgumentException(
          where
              + " holds a secret that "
              + problem
              + " (one line break at the end is dropped, nothing else: a secret is used exactly as"
              + " it is)");
    }
    return secret;
  }

  /** Refuses {@code value}, named {@code name}, when it is not usable exactly as it is. */
  static void check(String value, String name, String aside) {
    String problem = shape(value);
    if (problem != null) {
      throw new IllegalArgumentException(
          name
              + " "
              + problem
              + aside
              + ": a secret is used exactly as it is given, never trimmed, so it is refused; set"
              + " it again without");
    }
  }

  /**
   * What is wrong with a secret or a client ID as it is, or null: whitespace at an end, or a
   * control character anywhere (a line break inside means two lines were pasted).
   */
  static String shape(String s) {
    if (s.isEmpty()) {
      return "is empty";
    }
    int first = s.codePointAt(0);
    int last = s.codePointBefore(s.length());
    if (isSpace(last)) {
      return "ends with " + describe(last);
    }
    if (isSpace(first)) {
      return "starts with " + describe(first);
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return "holds " + describe(s.charAt(i)) + " inside";
      }
    }
    return null;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp);
  }

  private static String describe(int cp) {
    return switch (cp) {
      case '\n' -> "a line break (LF)";
      case '\r' -> "a carriage return (CR)";
      case '\t' -> "a tab";
      case ' ' -> "a space";
      default -> String.format("the character U+%04X", cp);
    };
  }
}
