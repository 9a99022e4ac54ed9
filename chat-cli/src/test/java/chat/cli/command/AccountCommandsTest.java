package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.SessionView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  private void assertSecretsZeroedAndNeverShown(String... secrets) {
    assertThat(context.handedOut).allSatisfy(a -> assertThat(new String(a)).matches("\0*"));
    for (String secret : secrets) {
      assertThat(context.lines).noneMatch(l -> l.contains(secret));
    }
  }

  @Test
  void register_interactive_asksPasswordTwiceThenPassphraseTwice() {
    context.answer("password1", "password1", "phrase", "phrase");

    run("/register alice");

    assertThat(context.prompts)
        .containsExactly(
            "PASSWORD new password for alice: ",
            "PASSWORD repeat the password: ",
            "PASSPHRASE passphrase for your new key file: ",
            "PASSPHRASE repeat the passphrase: ");
    assertThat(context.client.calls).containsExactly("register alice");
    assertThat(context.client.secrets).containsExactly("password1", "phrase");
    assertThat(context.lines)
        .contains("info: registered and logged in as alice on relay.test:7443");
    assertThat(context.current).isEqualTo("#lobby");
    assertSecretsZeroedAndNeverShown("password1", "phrase");
  }

  /**
   * Where the full screen or line mode took the secrets from a variable, the line that says the
   * account is made names them: someone who expected to be asked sees why nothing was.
   */
  @Test
  void register_secretsGivenWithoutAsking_areNamedWhereAPersonExpectsToBeAsked() {
    context.sources.put(SecretKind.PASSWORD, "CHAT_PASSWORD");
    context.sources.put(SecretKind.PASSPHRASE, "CHAT_PASSPHRASE");
    context.namesGivenSecrets = true;
    context.answer("password1", "password1", "phrase", "phrase");

    run("/register alice");

    assertThat(context.lines)
        .contains(
            "info: registered and logged in as alice on relay.test:7443 (the password from"
                + " CHAT_PASSWORD, the passphrase from CHAT_PASSPHRASE)");
  }

  @Test
  void login_passwordOnTheLine_namesOnlyThePassphraseGiven_andAScriptNamesNone() {
    context.sources.put(SecretKind.PASSWORD, "CHAT_PASSWORD");
    context.sources.put(SecretKind.PASSPHRASE, "/run/pp");
    context.namesGivenSecrets = true;
    context.answer("phrase");

    run("/login alice password1");

    assertThat(context.lines)
        .contains("info: logged in as alice on relay.test:7443 (the passphrase from /run/pp)");

    RecordingContext script = new RecordingContext();
    script.sources.put(SecretKind.PASSWORD, "CHAT_PASSWORD");
    script.answer("password1", "phrase");
    dispatcher.dispatch("/login alice", script);
    assertThat(script.lines).contains("info: logged in as alice on relay.test:7443");
  }

  @Test
  void register_inlinePassword_asksOnlyPassphraseTwice() {
    context.answer("phrase", "phrase");

    run("/register alice password1");

    assertThat(context.prompts).allMatch(p -> p.startsWith("PASSPHRASE"));
    assertThat(context.prompts).hasSize(2);
    assertThat(context.client.secrets).containsExactly("password1", "phrase");
    assertSecretsZeroedAndNeverShown("password1", "phrase");
  }

  @Test
  void register_passwordMismatch_errorsAndRegistersNothing() {
    context.answer("password1", "password2");

    run("/register alice");

    assertThat(context.errors())
        .containsExactly("error: the passwords do not match; nothing was set");
    assertThat(context.client.calls).isEmpty();
    assertSecretsZeroedAndNeverShown("password1", "password2");
  }

  /** Enter on an empty password is refused at once, without asking to repeat nothing. */
  @Test
  void register_emptyPassword_refusedWithoutAskingItAgain() {
    context.answer("", "");

    run("/register alice");

    assertThat(context.prompts).containsExactly("PASSWORD new password for alice: ");
    assertThat(context.errors()).containsExactly("error: no password given: nothing was done");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void register_shortPassword_refusedBeforeThePassphraseIsAsked() {
    context.answer("short", "short");

    run("/register alice");

    assertThat(context.errors()).containsExactly("error: passwords are at least 8 characters");
    assertThat(context.prompts)
        .as("refused before it is asked again")
        .containsExactly("PASSWORD new password for alice: ");
    assertThat(context.client.calls).isEmpty();
    assertSecretsZeroedAndNeverShown("short");
  }

  @Test
  void register_aKeyChangeCutShortInTheProfile_refusedBeforeAnySecretIsAsked() {
    context.client.keyChangesCutShort.add("alice");
    context.answer("password1", "password1", "phrase", "phrase");

    run("/register alice");

    assertThat(context.errors())
        .singleElement()
        .asString()
        .contains("holds a key change of the account")
        .contains("nothing was registered");
    assertThat(context.prompts).isEmpty();
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void register_passphraseMismatch_errorsAndZeroesPassword() {
    context.answer("password1", "password1", "a", "b");

    run("/register alice");

    assertThat(context.errors()).singleElement().asString().contains("passphrases do not match");
    assertThat(context.client.calls).isEmpty();
    assertSecretsZeroedAndNeverShown("password1");
  }

  @Test
  void register_invalidName_errorsBeforeAsking() {
    run("/register x!");

    assertThat(context.errors()).singleElement().asString().contains("not a username");
    assertThat(context.prompts).isEmpty();
  }

  @Test
  void login_noStoredSession_asksPasswordThenPassphrase() {
    context.answer("pw", "phrase");

    run("/login alice");

    assertThat(context.prompts)
        .containsExactly(
            "PASSWORD password for alice: ", "PASSPHRASE passphrase for alice's key file: ");
    assertThat(context.client.calls).containsExactly("login alice");
    assertThat(context.client.secrets).containsExactly("pw", "phrase");
    assertThat(context.current).isEqualTo("#lobby");
    assertSecretsZeroedAndNeverShown("pw", "phrase");
  }

  /** A second login would end this one first, and a mistyped secret would leave no one in. */
  @Test
  void login_asTheUserAlreadyOnline_saysSo_askingNothing() {
    context.answer("pw", "phrase");
    run("/login alice");
    context.client.calls.clear();

    run("/login Alice");
    run("/login alice not-the-password"); // the password on the line too

    assertThat(context.lines)
        .containsSubsequence(
            "info: already logged in as alice", "info: already logged in as alice");
    assertThat(context.prompts).hasSize(2);
    assertThat(context.client.calls).isEmpty();
    assertThat(context.client.username()).contains("alice");
  }

  @Test
  void loginAndRegister_withTheRelayDown_sayWhyBeforeAskingForSecrets_andHowToTryAgain() {
    context.client.unreachable = true;
    context.answer("pw", "phrase");

    run("/login alice");
    run("/register carol");

    assertThat(context.prompts).isEmpty();
    assertThat(context.errors())
        .containsExactly(
            "error: cannot reach the relay at relay.test:7443; /login alice tries again",
            "error: cannot reach the relay at relay.test:7443; /register carol tries again");
    assertThat(context.client.calls).isEmpty();
  }

  /** A name the relay has is said taken before the new password and passphrase are asked. */
  @Test
  void register_aTakenName_isSaidBeforeAnySecretIsAsked() {
    context.client.takenNames.add("carol");
    context.answer("a new password", "a new password", "phrase", "phrase");

    run("/register carol");

    assertThat(context.prompts).isEmpty();
    assertThat(context.errors()).containsExactly("error: username already taken");
    assertThat(context.client.calls).isEmpty();
  }

  /** A certificate other than the pinned one is said as it is: trying again cannot help. */
  @Test
  void register_theRelaysCertificateChanged_isSaidWithoutHowToTryAgain() {
    context.client.nameCheckFailure =
        new CommandException.Network(
            "THE RELAY CERTIFICATE OF relay.test:7443 HAS CHANGED.",
            new java.security.cert.CertificateException("relay certificate differs from the pin"));
    context.answer("a new password", "a new password", "phrase", "phrase");

    run("/register carol");

    assertThat(context.prompts).isEmpty();
    assertThat(context.errors())
        .containsExactly("error: THE RELAY CERTIFICATE OF relay.test:7443 HAS CHANGED.");
  }

  @Test
  void login_wrongPassword_isReportedBeforeThePassphraseIsAsked() {
    context.client.acceptedPassword = "right";
    context.answer("wrong", "phrase");

    run("/login alice");

    assertThat(context.prompts).containsExactly("PASSWORD password for alice: ");
    assertThat(context.errors()).containsExactly("error: wrong username or password");
  }

  @Test
  void login_inlinePassword_asksOnlyPassphrase() {
    context.answer("phrase");

    run("/login alice pw");

    assertThat(context.prompts).containsExactly("PASSPHRASE passphrase for alice's key file: ");
    assertThat(context.client.calls).containsExactly("login alice");
    assertSecretsZeroedAndNeverShown("pw", "phrase");
  }

  /**
   * The history entry of a login with its password on the line, run again (Up, then Enter): the
   * mask in the password's place is not sent as the password, which is asked instead; a session
   * stored resumes.
   */
  @Test
  void login_andRegister_withTheHistorysMaskForPassword_askForIt() {
    context.answer("pw", "phrase");

    run("/login alice ***");

    assertThat(context.prompts)
        .containsExactly(
            "PASSWORD password for alice: ", "PASSPHRASE passphrase for alice's key file: ");
    assertThat(context.client.secrets).containsExactly("pw", "phrase");

    context.client.storedSessions.add("carol");
    context.prompts.clear();
    context.answer("phrase");
    run("/login carol ***");
    assertThat(context.client.calls).containsExactly("login alice", "resume carol");

    context.prompts.clear();
    context.answer("new password", "new password", "new phrase", "new phrase");
    run("/register dave ***");
    assertThat(context.prompts).first().asString().startsWith("PASSWORD new password for dave");
  }

  @Test
  void login_storedSession_resumesWithPassphraseOnly() {
    context.client.storedSessions.add("alice");
    context.answer("phrase");

    run("/login alice");

    assertThat(context.prompts).containsExactly("PASSPHRASE passphrase for alice's key file: ");
    assertThat(context.client.calls).containsExactly("resume alice");
    assertThat(context.lines).contains("info: logged in as alice on relay.test:7443");
    assertSecretsZeroedAndNeverShown("phrase");
  }

  @Test
  void login_storedSessionButInlinePassword_logsInWithPassword() {
    context.client.storedSessions.add("alice");
    context.answer("phrase");

    run("/login alice pw");

    assertThat(context.client.calls).containsExactly("login alice");
  }

  @Test
  void login_expiredSession_fallsBackToPasswordWithSamePassphrase() {
    context.client.storedSessions.add("alice");
    context.client.expiredSessions.add("alice");
    context.answer("phrase", "pw");

    run("/login alice");

    assertThat(context.client.calls).containsExactly("resume alice", "login alice");
    assertThat(context.prompts)
        .containsExactly(
            "PASSPHRASE passphrase for alice's key file: ", "PASSWORD password for alice: ");
    assertThat(context.lines)
        .contains(
            "info: the session for alice was ended (logged out or ended from a sessions list on"
                + " another device, or the password was changed) or has expired: log in with the"
                + " password");
    assertThat(context.client.secrets).containsExactly("phrase", "pw", "phrase");
    assertThat(context.client.username()).contains("alice");
    assertSecretsZeroedAndNeverShown("phrase", "pw");
  }

  @Test
  void login_wrongPassphraseOnResume_showsAuthError() {
    context.client.storedSessions.add("alice");
    context.client.failNext = new CommandException.Auth("wrong passphrase", null);
    context.answer("bad");

    run("/login alice");

    assertThat(context.errors()).containsExactly("error: wrong passphrase");
    assertThat(context.client.username()).isEmpty();
    assertSecretsZeroedAndNeverShown("bad");
  }

  @Test
  void login_wrongPassphraseFromTheEnvironment_saysWhereItCameFrom() {
    context.client.storedSessions.add("alice");
    context.client.failNext =
        new CommandException.Auth(
            "wrong passphrase for /p/identity.key", null, CommandException.Auth.Refused.PASSPHRASE);
    context.sources.put(SecretKind.PASSPHRASE, "CHAT_PASSPHRASE");
    context.answer("from the environment");

    run("/login alice");

    assertThat(context.errors())
        .containsExactly(
            "error: wrong passphrase for /p/identity.key (the passphrase from CHAT_PASSPHRASE)");
    assertSecretsZeroedAndNeverShown("from the environment");
  }

  @Test
  void login_wrongPasswordFromAFile_saysWhereItCameFrom_butNotForOneTypedInline() {
    context.sources.put(SecretKind.PASSWORD, "/run/secrets/chat-password");
    context.client.failNext =
        new CommandException.Auth(
            "login failed: wrong username or password",
            null,
            CommandException.Auth.Refused.PASSWORD);
    context.answer("from the file", "phrase");

    run("/login alice");

    context.client.failNext =
        new CommandException.Auth(
            "login failed: wrong username or password",
            null,
            CommandException.Auth.Refused.PASSWORD);
    context.answer("phrase");
    run("/login alice typed-inline");

    assertThat(context.errors())
        .containsExactly(
            "error: login failed: wrong username or password (the password from"
                + " /run/secrets/chat-password)",
            "error: login failed: wrong username or password");
  }

  @Test
  void register_aShortSecretFromTheEnvironment_saysWhichVariable_butNotForOneTypedInline() {
    context.sources.put(SecretKind.PASSWORD, "CHAT_PASSWORD");
    context.answer("short", "short");

    run("/register alice");
    run("/register alice typed");

    assertThat(context.errors())
        .containsExactly(
            "error: passwords are at least 8 characters (the password from CHAT_PASSWORD)",
            "error: passwords are at least 8 characters");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void passphrase_aShortNewOneFromTheEnvironment_namesTheNewPassphrasesVariable() {
    context.loggedInAs("alice");
    context.sources.put(SecretKind.PASSPHRASE, "CHAT_PASSPHRASE");
    context.sources.put(SecretKind.NEW_PASSPHRASE, "CHAT_NEW_PASSPHRASE");
    context.client.failNext =
        new CommandException.Auth(
            "the key passphrase must be at least 8 characters",
            null,
            CommandException.Auth.Refused.NEW_PASSPHRASE);
    context.answer("password", "short", "short");

    run("/passphrase");

    assertThat(context.errors())
        .containsExactly(
            "error: the key passphrase must be at least 8 characters (the passphrase from"
                + " CHAT_NEW_PASSPHRASE)");
  }

  @Test
  void login_noSecretAvailable_showsErrorAndDoesNotLogIn() {
    run("/login alice");

    assertThat(context.errors()).containsExactly("error: no secret available");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void login_emptyPassword_refused() {
    context.answer("", "phrase");

    run("/login alice");

    assertThat(context.errors()).containsExactly("error: no password given: nothing was done");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void login_missingName_showsUsage() {
    run("/login");

    assertThat(context.errors()).singleElement().asString().contains("usage: /login NAME");
  }

  @Test
  void logout_loggedIn_logsOut() {
    context.loggedInAs("alice");

    run("/logout");

    assertThat(context.client.calls).containsExactly("logout");
    assertThat(context.lines).contains("info: logged out alice");
  }

  @Test
  void sessions_listsTheTableWithThisDeviceMarked() {
    context.loggedInAs("alice");
    context.client.sessionList.add(
        new SessionView(
            "3f9a0c17b2d4", Instant.EPOCH, Instant.ofEpochSecond(60), "192.0.2.7", false));
    context.client.sessionList.add(
        new SessionView("c8c25f86d8d7", Instant.EPOCH, Instant.EPOCH, "::1", true));

    run("/sessions");

    assertThat(context.client.calls).containsExactly("sessions");
    assertThat(context.lines).hasSize(3);
    assertThat(context.lines.get(0))
        .isEqualTo("info: ID            LAST USED         CREATED           ADDRESS");
    assertThat(context.lines.get(1)).startsWith("info: 3f9a0c17b2d4  ").endsWith("  192.0.2.7");
    assertThat(context.lines.get(2))
        .startsWith("info: c8c25f86d8d7  ")
        .endsWith("  ::1  (this device)");
  }

  @Test
  void sessionsEnd_endsTheNamedSession_andSaysWhatToDoNext() {
    context.loggedInAs("alice");
    context.client.sessionList.add(
        new SessionView("3f9a0c17b2d4", Instant.EPOCH, Instant.EPOCH, "192.0.2.7", false));

    run("/sessions end 3F9A0C17B2D4");

    assertThat(context.client.calls).containsExactly("endSession 3f9a0c17b2d4");
    assertThat(context.client.sessionList).isEmpty();
    assertThat(context.lines)
        .containsExactly(
            "info: ended session 3f9a0c17b2d4: that device is logged out and must log in again"
                + " with the password (change the password too if it may have leaked it:"
                + " /passwd)");
  }

  @Test
  void sessions_otherWords_usage_andNothingSent() {
    context.loggedInAs("alice");

    run("/sessions drop 3f9a0c17b2d4");
    run("/sessions end");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.errors())
        .hasSize(2)
        .allSatisfy(e -> assertThat(e).contains("/sessions end ID"));
  }

  @Test
  void passwd_asksCurrentOnceThenNewTwice_andChanges() {
    context.loggedInAs("alice");
    context.answer("old password", "new password", "new password");

    run("/passwd");

    assertThat(context.prompts)
        .containsExactly(
            "PASSWORD current password for alice: ",
            "NEW_PASSWORD new password for alice: ",
            "NEW_PASSWORD repeat the password: ");
    assertThat(context.client.calls).contains("changePassword");
    assertThat(context.client.secrets).containsExactly("old password", "new password");
    assertThat(context.lines)
        .contains("info: changed the account password of alice; 1 other session was logged out");
    assertSecretsZeroedAndNeverShown("old password", "new password");
  }

  @Test
  void passwd_newPasswordsDiffer_changesNothing() {
    context.loggedInAs("alice");
    context.answer("old password", "new password", "other password");

    run("/passwd");

    assertThat(context.client.calls).doesNotContain("changePassword");
    assertThat(context.errors()).singleElement().asString().contains("do not match");
    assertSecretsZeroedAndNeverShown("old password", "new password", "other password");
  }

  @Test
  void passwd_wrongCurrentPassword_saysSo() {
    context.loggedInAs("alice");
    context.client.acceptedPassword = "old password";
    context.answer("bad guess!", "new password", "new password");

    run("/passwd");

    assertThat(context.errors()).singleElement().asString().contains("not changed");
    assertSecretsZeroedAndNeverShown("bad guess!", "new password");
  }

  @Test
  void passwd_notLoggedIn_errorsBeforeAsking() {
    run("/passwd");

    assertThat(context.prompts).isEmpty();
    assertThat(context.errors()).singleElement().asString().contains("not logged in");
  }

  @Test
  void passphrase_asksPasswordOnceThenNewPassphraseTwice_andChanges() {
    context.loggedInAs("alice");
    context.answer("the password", "new phrase!", "new phrase!");

    run("/passphrase");

    assertThat(context.prompts)
        .containsExactly(
            "PASSWORD password for alice: ",
            "NEW_PASSPHRASE new passphrase for alice's keys: ",
            "NEW_PASSPHRASE repeat the passphrase: ");
    assertThat(context.client.calls).contains("changePassphrase");
    assertThat(context.client.secrets).containsExactly("the password", "new phrase!");
    assertThat(context.lines)
        .contains("info: changed the passphrase of alice's keys, here and in the relay's backup");
    assertSecretsZeroedAndNeverShown("the password", "new phrase!");
  }

  @Test
  void passphrase_entriesDiffer_changesNothing() {
    context.loggedInAs("alice");
    context.answer("the password", "new phrase!", "other phrase");

    run("/passphrase");

    assertThat(context.client.calls).doesNotContain("changePassphrase");
    assertThat(context.errors()).singleElement().asString().contains("do not match");
    assertSecretsZeroedAndNeverShown("the password", "new phrase!", "other phrase");
  }

  @Test
  void logout_notLoggedIn_errors() {
    run("/logout");

    assertThat(context.errors()).singleElement().asString().contains("not logged in");
  }

  @Test
  void rekey_loggedIn_asksPasswordOnceThenNewPassphraseTwice_andReplaces() {
    context.loggedInAs("alice");
    context.answer("password1", "new phrase", "new phrase");

    run("/rekey yes");

    assertThat(context.prompts)
        .containsExactly(
            "PASSWORD password for alice: ",
            "NEW_PASSPHRASE passphrase for alice's new keys: ",
            "NEW_PASSPHRASE repeat the passphrase: ");
    assertThat(context.client.calls).contains("replaceKeys alice");
    assertThat(context.client.secrets).containsExactly("password1", "new phrase");
    assertThat(context.lines).anyMatch(l -> l.contains("replaced your keys; new fingerprint"));
    assertSecretsZeroedAndNeverShown("password1", "new phrase");
  }

  @Test
  void rekey_profileCannotBeWritten_saysNothingWasSent_andReplacesNothing() {
    context.loggedInAs("alice");
    context.client.failSave =
        new CommandException.FileAccess(
            "cannot write /home/a/.chat/alice/state.json: no space left on device", null);
    context.answer("password1", "new phrase", "new phrase");

    run("/rekey yes");

    assertThat(context.errors())
        .singleElement()
        .asString()
        .contains("no space left on device (nothing was sent");
    assertThat(context.client.calls).contains("saveState alice");
    assertThat(context.client.calls).doesNotContain("replaceKeys alice");
  }

  @Test
  void rekey_passphraseMismatch_replacesNothing() {
    context.answer("password1", "new phrase", "other phrase");

    run("/rekey alice yes");

    assertThat(context.errors()).hasSize(1);
    assertThat(context.client.calls).doesNotContain("replaceKeys alice");
  }

  @Test
  void rekey_withoutYes_onlyWarns_asksNothing_andReplacesNothing() {
    context.loggedInAs("alice");
    context.answer("password1", "new phrase", "new phrase");

    run("/rekey");
    run("/rekey alice");

    assertThat(context.prompts).isEmpty();
    assertThat(context.client.calls).doesNotContain("replaceKeys alice");
    assertThat(context.lines)
        .containsExactly(
            "info: " + AccountCommands.rekeyWarning("alice", true),
            "info: " + AccountCommands.rekeyWarning("alice", false));
    assertThat(AccountCommands.rekeyWarning("alice", true))
        .contains("every contact will see that your key changed and must accept it")
        .endsWith("To go ahead, type: /rekey yes");
    assertThat(AccountCommands.rekeyWarning("alice", false)).endsWith("/rekey alice yes");
  }

  @Test
  void rekey_no_isAnAnswer_notAName() {
    context.loggedInAs("alice");

    run("/rekey no");
    run("/rekey alice No");

    assertThat(context.prompts).isEmpty();
    assertThat(context.client.calls).doesNotContain("replaceKeys alice");
    assertThat(context.lines)
        .containsExactly("info: your keys were not replaced", "info: your keys were not replaced");
  }

  @Test
  void rekey_anotherAccountThanTheOneLoggedIn_refused_askingNothing_andStayingLoggedIn() {
    context.loggedInAs("bob");
    context.answer("password1", "new phrase", "new phrase");

    run("/rekey alice yes");
    run("/rekey alice");
    run("/rekey BOB"); // the same account, in another case

    assertThat(context.prompts).isEmpty();
    assertThat(context.client.calls).doesNotContain("replaceKeys alice", "logout");
    assertThat(context.client.username()).hasValue("bob");
    assertThat(context.lines)
        .containsExactly(
            "error: you are logged in as bob: /rekey replaces the keys of the account you are in."
                + " To replace those of alice, /logout first, then /rekey alice yes",
            "error: you are logged in as bob: /rekey replaces the keys of the account you are in."
                + " To replace those of alice, /logout first, then /rekey alice yes",
            "info: " + AccountCommands.rekeyWarning("bob", false));
  }

  /** The advice to /logout first needs the relay: with it down, that is said instead. */
  @Test
  void rekey_anotherAccount_withTheRelayDown_saysSoRatherThanToLogOut() {
    context.loggedInAs("bob");
    context.client.unreachable = true;

    run("/rekey alice yes");

    assertThat(context.prompts).isEmpty();
    assertThat(context.errors())
        .containsExactly("error: cannot reach the relay at relay.test:7443");
    assertThat(context.client.username()).hasValue("bob");
  }

  @Test
  void rekey_loggedOut_yesIsTheName_onlyWarns() {
    run("/rekey yes");

    assertThat(context.client.calls).doesNotContain("replaceKeys yes");
    assertThat(context.lines).singleElement().asString().endsWith("/rekey yes yes");
  }

  @Test
  void rekey_secondArgumentNotYes_isAUsageError() {
    run("/rekey alice now");

    assertThat(context.errors()).singleElement().asString().contains("usage: /rekey");
    assertThat(context.client.calls).doesNotContain("replaceKeys alice");
  }

  @Test
  void rekey_notLoggedInWithoutName_errors() {
    run("/rekey");

    assertThat(context.errors()).singleElement().asString().contains("/rekey NAME");
  }
}
