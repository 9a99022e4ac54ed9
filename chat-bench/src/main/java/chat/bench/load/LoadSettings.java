package chat.bench.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the generator runs the servers under test.
 *
 * @param workDir where server data, configs and logs go (made fresh per target)
 * @param relayLauncher the relay's launcher script ({@code bin/chat-server}): the relay runs as
 *     shipped, in its own process, with the launcher's JVM and allocator settings
 * @param relayJavaOptions extra JVM options for the relay ({@code CHAT_SERVER_JAVA_OPTS})
 * @param relayEnvironment extra environment variables for the relay process
 * @param ngircd the ngircd executable
 * @param redisServer the redis-server executable
 * @param relayRecording where to write a Java Flight Recording of the relay (profile settings) when
 *     it stops, or null for none
 */
public record LoadSettings(
    Path workDir,
    Path relayLauncher,
    List<String> relayJavaOptions,
    Map<String, String> relayEnvironment,
    String ngircd,
    String redisServer,
    Path relayRecording) {
  /** Checks the fields. */
  public LoadSettings {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(relayLauncher, "relayLauncher");
    relayJavaOptions = List.copyOf(relayJavaOptions);
    relayEnvironment = Map.copyOf(relayEnvironment);
    Objects.requireNonNull(ngircd, "ngircd");
    Objects.requireNonNull(redisServer, "redisServer");
  }
}
