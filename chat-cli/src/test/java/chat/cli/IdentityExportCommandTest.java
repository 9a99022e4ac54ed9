package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Armor;
import chat.crypto.IdentityBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IdentityExportCommandTest {
  @Test
  void export_printsArmoredBundleMatchingPub() throws Exception {
    Path home = Identities.home("alice");

    Cli.Result result = new Cli().run("identity", "export", "--home", home.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("-----BEGIN CHAT IDENTITY-----\n");
    IdentityBundle exported =
        IdentityBundle.parse(
            Armor.decode(Armor.IDENTITY, result.out().getBytes(StandardCharsets.US_ASCII)));
    assertThat(exported).isEqualTo(new IdentityHome(home).bundle());
    assertThat(result.out()).isEqualTo(Files.readString(home.resolve("identity.pub")));
  }
}
