package chat.cli;

import chat.protocol.ProtocolVersions;
import picocli.CommandLine.IVersionProvider;

/** The version line of {@code chat --version}, from the jar manifest when there is one. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "chat " + (version == null ? "(development build)" : version),
      "envelope v1, identity bundle v1, key file v1",
      ProtocolVersions.versionLine(ProtocolVersions.OFFERED) // what it offers a relay
    };
  }
}
