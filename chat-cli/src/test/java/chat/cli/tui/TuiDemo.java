package chat.cli.tui;

import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.FakeChatClient;
import chat.cli.command.CommandContext;
import chat.cli.command.InputCompleter;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SecretKind;
import com.googlecode.lanterna.terminal.Terminal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tries the TUI by hand on the real terminal with a {@link FakeChatClient}: a few commands ({@code
 * /login NAME}, {@code /join #room}, {@code /msg NAME}, {@code /clear}, {@code /quit}), plain text
 * sent to the current conversation, and a timer playing other users. Not a test; run it from the
 * test classpath.
 */
public final class TuiDemo {
  private static final List<String> COMMANDS =
      List.of("/login", "/join", "/msg", "/clear", "/quit", "/help");

  private TuiDemo() {}

  /** Runs the demo until {@code /quit}. */
  public static void main(String[] args) throws Exception {
    FakeChatClient client = new FakeChatClient();
    client.fireMembership("#dev", "bob", true);
    ScheduledExecutorService relay = Executors.newSingleThreadScheduledExecutor();
    try (Terminal terminal = TuiTerminals.open()) {
      ChatTui tui =
          new ChatTui(
              client,
              TuiDemo::dispatch,
              completer(client),
              new MessageFormatter(ZoneId.systemDefault()),
              terminal,
              Clock.systemDefaultZone());
      AtomicInteger tick = new AtomicInteger();
      relay.scheduleAtFixedRate(
          () -> playRelay(client, tick.incrementAndGet()), 2, 2, TimeUnit.SECONDS);
      tui.run();
    } finally {
      relay.shutdownNow();
    }
  }

  private static InputCompleter completer(FakeChatClient client) {
    return (line, cursor) -> {
      String head = line.substring(0, cursor);
      String word = head.substring(head.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
      List<String> words =
          word.startsWith("/")
              ? COMMANDS
              : client.knownUsers().stream().filter(u -> !u.isEmpty()).toList();
      return words.stream().filter(w -> w.startsWith(word) && !word.isEmpty()).toList();
    };
  }

  private static void dispatch(String line, CommandContext context) {
    String[] words = line.strip().split("\\s+");
    FakeChatClient client = (FakeChatClient) context.client();
    switch (line.startsWith("/") ? words[0] : "") {
      case "/quit" -> context.quit();
      case "/clear" -> context.clear();
      case "/help" ->
          context.info(String.join(" ", COMMANDS) + "\nAlt+1..9 switch, PgUp/PgDn scroll");
      case "/login" -> login(client, context, words.length > 1 ? words[1] : "alice");
      case "/join" -> {
        client.join(words[1]);
        context.switchTo(words[1].startsWith("#") ? words[1] : "#" + words[1]);
      }
      case "/msg" -> context.switchTo(client.directWith(words[1]));
      case "" -> send(client, context, line);
      default -> context.error("unknown command " + words[0]);
    }
  }

  private static void login(FakeChatClient client, CommandContext context, String name) {
    char[] password = context.readSecret(SecretKind.PASSWORD, "Password for " + name + ":");
    char[] passphrase = context.readSecret(SecretKind.PASSPHRASE, "Key passphrase:");
    try {
      client.login(name, password, passphrase);
    } finally {
      Arrays.fill(password, '\0');
      Arrays.fill(passphrase, '\0');
    }
    client.fireMembership("#dev", name, true);
    context.info("logged in as " + name);
    context.switchTo("#lobby");
  }

  private static void send(FakeChatClient client, CommandContext context, String text) {
    String conversation =
        context
            .currentConversation()
            .orElseThrow(() -> new IllegalStateException("no conversation"));
    ChatMessage sent = client.send(conversation, text);
    long now = System.currentTimeMillis();
    context.showMessage(
        new ChatMessage(
            sent.conversation(),
            sent.seq(),
            sent.messageId(),
            sent.sender(),
            now,
            now,
            sent.text(),
            true));
  }

  private static void playRelay(FakeChatClient client, int tick) {
    if (client.username().isEmpty()) {
      return;
    }
    switch (tick % 8) {
      case 0 -> client.deliver("#lobby", "bob", "tick " + tick + ": anyone up for lunch?");
      case 1 -> client.deliver("#dev", "carol", "build " + tick + " is green 世界 🎉");
      case 2 ->
          client.deliver("#lobby", "mallory", "\u001b[2J\u001b]0;pwned\u0007clean \u009b31mtext");
      case 3 -> client.deliver(client.directWith("bob"), "bob", "psst, " + client.username().get());
      case 4 -> client.firePresence("carol", tick % 16 == 4);
      case 5 -> client.deliver("#lobby", "carol", "a long line ".repeat(20).strip());
      case 6 -> client.setState(ConnectionState.RECONNECTING, "connection lost");
      default -> client.setState(ConnectionState.ONLINE, "back");
    }
  }
}
