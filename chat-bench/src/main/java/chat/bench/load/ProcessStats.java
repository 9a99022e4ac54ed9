package chat.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system, all threads) and resident memory of one process, read from {@code
 * /proc/PID/stat} and {@code /proc/PID/status}.
 *
 * @param cpuNanos user plus system CPU time since the process started
 * @param rssBytes resident set size now ({@code VmRSS})
 * @param peakRssBytes the largest resident set size so far ({@code VmHWM})
 */
public record ProcessStats(long cpuNanos, long rssBytes, long peakRssBytes) {
  private static final long TICKS_PER_SECOND = clockTicks();

  /** Checks the fields. */
  public ProcessStats {
    if (cpuNanos < 0 || rssBytes < 0 || peakRssBytes < 0) {
      throw new IllegalArgumentException("process statistics are never negative");
    }
  }

  /** The statistics of process {@code pid} now. */
  public static ProcessStats of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      long rss = 0;
      long peak = 0;
      for (String line :
          Files.readAllLines(
              Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          rss = kibibytes(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kibibytes(line);
        }
      }
      return new ProcessStats(ticks * 1_000_000_000L / TICKS_PER_SECOND, rss, peak);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc for process " + pid, e);
    }
  }

  /** The statistics of this process (the generator) now. */
  public static ProcessStats self() {
    return of(ProcessHandle.current().pid());
  }

  /** CPU seconds spent between {@code earlier} and this sample. */
  public double cpuSecondsSince(ProcessStats earlier) {
    return (cpuNanos - earlier.cpuNanos) / 1e9;
  }

  private static long kibibytes(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]) * 1024;
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      getconf.waitFor();
      return Long.parseLong(out.trim());
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
