package chat.cli;

import chat.crypto.IdentityBundle;
import chat.crypto.SafetyNumber;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat safety-number}: the 60-digit number you and a contact compare aloud. */
@Command(
    name = "safety-number",
    description = {
      "Print the safety number you and a contact compare.",
      "Both sides compute the same 60 digits from the two identities; if yours match, neither"
          + " key was swapped.",
      "For an offline identity (--home); for your account on a relay, use chat keys safety USER."
    })
final class SafetyNumberCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Parameters(
      paramLabel = "BUNDLE_FILE",
      converter = NonEmptyFile.class,
      description = "your contact's identity bundle")
  Path file;

  @Override
  public Integer call() {
    IdentityBundle me = home.home().bundle();
    IdentityBundle them = BundleFiles.load(file);
    if (them.fingerprint().equals(me.fingerprint())) {
      // As chat keys safety of your own name: sixty digits that match anywhere prove nothing.
      throw new CommandException.Usage(
          "a safety number is between you and someone else, and "
              + TerminalSafe.line(file.toString())
              + " is your own identity bundle: give your contact's");
    }
    if (them.userId().equals(me.userId())) {
      spec.commandLine()
          .getErr()
          .println(
              "chat: warning: "
                  + TerminalSafe.line(file.toString())
                  + " names "
                  + BundleText.userId(them)
                  + ", as your own identity does, with another key: make sure it is your"
                  + " contact's, and not someone else using your name");
      spec.commandLine().getErr().flush();
    }
    String digits = SafetyNumber.of(me, them).toDisplayString();
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "safety number of " + BundleText.userId(me) + " and " + BundleText.userId(them) + ":");
    out.println(digits.substring(0, 35));
    out.println(digits.substring(36));
    out.flush();
    return ExitCode.OK.code();
  }
}
