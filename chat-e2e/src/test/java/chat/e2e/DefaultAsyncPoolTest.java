package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main code hands work to {@code CompletableFuture}'s default executor. From JDK 25 that is the
 * common fork-join pool even where its parallelism is 1 (two processors), so one task blocked there
 * holds back every other async task and timeout of the JVM; on JDK 17 such a machine gave each task
 * a thread. The client's notice cap lost its count line that way. Main code passes an executor of
 * its own.
 */
class DefaultAsyncPoolTest {
  private static final List<String> MODULES =
      List.of("e2e-crypto", "chat-protocol", "chat-server", "chat-cli");

  /**
   * The calls that use the default executor, by the number of arguments of that overload; -1: any
   * number (their timeouts run there too).
   */
  private static final Map<String, Integer> DEFAULT_POOL_ARGUMENTS =
      Map.ofEntries(
          Map.entry("supplyAsync", 1),
          Map.entry("completeAsync", 1),
          Map.entry("runAsync", 1),
          Map.entry("thenApplyAsync", 1),
          Map.entry("thenAcceptAsync", 1),
          Map.entry("thenRunAsync", 1),
          Map.entry("thenComposeAsync", 1),
          Map.entry("handleAsync", 1),
          Map.entry("whenCompleteAsync", 1),
          Map.entry("exceptionallyAsync", 1),
          Map.entry("exceptionallyComposeAsync", 1),
          Map.entry("thenCombineAsync", 2),
          Map.entry("thenAcceptBothAsync", 2),
          Map.entry("runAfterBothAsync", 2),
          Map.entry("applyToEitherAsync", 2),
          Map.entry("acceptEitherAsync", 2),
          Map.entry("runAfterEitherAsync", 2),
          Map.entry("delayedExecutor", 2),
          Map.entry("orTimeout", -1),
          Map.entry("completeOnTimeout", -1));

  private static final Pattern CALL = Pattern.compile("\\b(\\w+)\\s*\\(");

  /** A method reference to one of them: its arguments cannot be told, so it is named. */
  private static final Pattern REFERENCE = Pattern.compile("::\\s*(\\w+)\\b");

  @Test
  void mainSources_passAnExecutorOfTheirOwn() throws IOException {
    List<String> found = new ArrayList<>();
    for (String module : MODULES) {
      try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
        files
            .filter(file -> file.toString().endsWith(".java"))
            .forEach(
                file ->
                    defaultPoolCalls(read(file)).forEach(call -> found.add(file + ": " + call)));
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theCheck_findsEachKindOfCall_andPassesOnesWithAnExecutor() {
    assertThat(
            defaultPoolCalls(
                "CompletableFuture.supplyAsync(() -> f(a, b));\n"
                    + "done.thenRunAsync(task);\n"
                    + "CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(t);\n"
                    + "reply.orTimeout(60, TimeUnit.SECONDS);\n"
                    + "x.thenCombineAsync(y, (p, q) -> p);\n"
                    + "f.completeAsync(() -> Map.<String, Integer>of());\n"
                    + "stages.map(CompletableFuture::supplyAsync);\n"
                    + "String url = \"http://example\"; CompletableFuture.runAsync(task);\n"))
        .containsExactlyInAnyOrder(
            "supplyAsync(() -> f(a, b))",
            "thenRunAsync(task)",
            "delayedExecutor(5, TimeUnit.SECONDS)",
            "orTimeout(60, TimeUnit.SECONDS)",
            "thenCombineAsync(y, (p, q) -> p)",
            "completeAsync(() -> Map.<String, Integer>of())",
            "runAsync(task)",
            "::supplyAsync");
    assertThat(
            defaultPoolCalls(
                "CompletableFuture.supplyAsync(() -> f(a, b), pool);\n"
                    + "done.thenRunAsync(task, lane.pool());\n"
                    + "CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS, pool);\n"
                    + "// CompletableFuture.runAsync(task) in a comment\n"
                    + "/* or supplyAsync(s) in a block */ x.thenCombineAsync(y, f, pool);\n"))
        .isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The calls in {@code source} (comments left out) that use the default executor. */
  private static List<String> defaultPoolCalls(String source) {
    String code = withoutCommentsAndText(source);
    List<String> calls = new ArrayList<>();
    Matcher reference = REFERENCE.matcher(code);
    while (reference.find()) {
      if (DEFAULT_POOL_ARGUMENTS.containsKey(reference.group(1))) {
        calls.add("::" + reference.group(1));
      }
    }
    Matcher call = CALL.matcher(code);
    while (call.find()) {
      Integer arguments = DEFAULT_POOL_ARGUMENTS.get(call.group(1));
      if (arguments == null) {
        continue;
      }
      int end = closingParenthesis(code, call.end());
      String inside = code.substring(call.end(), end);
      if (arguments < 0 || topLevelCommas(inside) + 1 == arguments) {
        calls.add(call.group(1) + "(" + inside + ")");
      }
    }
    return calls;
  }

  /**
   * {@code source} with its comments blanked and its string and character literals emptied, read in
   * one pass so that a {@code //} in a string or a quote in a comment is taken for what it is.
   */
  private static String withoutCommentsAndText(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        code.append(' ');
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < source.length() && source.charAt(j) != c) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        code.append(c).append(c);
        i = j + 1;
      } else {
        code.append(c);
        i++;
      }
    }
    return code.toString();
  }

  private static int closingParenthesis(String code, int from) {
    int depth = 1;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return code.length();
  }

  private static int topLevelCommas(String arguments) {
    int depth = 0;
    int commas = 0;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      boolean arrow = c == '>' && i > 0 && arguments.charAt(i - 1) == '-';
      if (c == '(' || c == '[' || c == '{' || c == '<') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}' || (c == '>' && !arrow)) {
        depth--;
      } else if (c == ',' && depth == 0) {
        commas++;
      }
    }
    return commas;
  }
}
