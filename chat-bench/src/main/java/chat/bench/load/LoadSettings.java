package chat.bench.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the generator runs the servers under test.
 *
 * @param workDir where server data, configs and logs go (made fresh per target)
 * @param relayJar the relay's shaded jar, started as its own process
 * @param relayJavaOptions JVM options for the relay process
 * @param ngircd the ngircd executable
 * @param redisServer the redis-server executable
 * @param relayRecording where to write a Java Flight Recording of the relay (profile settings) when
 *     it stops, or null for none
 */
public record LoadSettings(
    Path workDir,
    Path relayJar,
    List<String> relayJavaOptions,
    String ngircd,
    String redisServer,
    Path relayRecording) {
  /** Checks the fields. */
  public LoadSettings {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(relayJar, "relayJar");
    relayJavaOptions = List.copyOf(relayJavaOptions);
    Objects.requireNonNull(ngircd, "ngircd");
    Objects.requireNonNull(redisServer, "redisServer");
  }
}
