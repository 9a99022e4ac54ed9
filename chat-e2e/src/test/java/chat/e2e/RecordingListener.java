package chat.e2e;

import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records everything a client reports, for assertions; waits with Awaitility. */
final class RecordingListener implements ClientListener {
  final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
  final List<String> notices = new CopyOnWriteArrayList<>();
  final List<LeftOutMessages> leftOut = new CopyOnWriteArrayList<>();
  final List<LeftOutFromOthers> leftOutFromOthers = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<ConnectionState> states = new CopyOnWriteArrayList<>();
  final List<String> connectionDetails = new CopyOnWriteArrayList<>();
  final List<FileOffer> offers = new CopyOnWriteArrayList<>();
  final List<FileTransfer> transfers = new CopyOnWriteArrayList<>();
  final List<CommandException> stopped = new CopyOnWriteArrayList<>();

  @Override
  public void onStopped(CommandException why) {
    stopped.add(why);
  }

  @Override
  public void onMessage(ChatMessage message) {
    messages.add(message);
  }

  @Override
  public void onMembership(String conversation, String username, boolean joined) {
    events.add((joined ? "joined " : "left ") + conversation + " " + username);
  }

  @Override
  public void onNoLongerIn(String conversation) {
    events.add("no longer in " + conversation);
  }

  @Override
  public void onGroupUpdate(GroupUpdate update) {
    events.add(
        "group "
            + update.conversation()
            + " "
            + update.kind()
            + " "
            + update.target()
            + " by "
            + update.actor()
            + (update.reason().isEmpty() ? "" : " (" + update.reason() + ")"));
  }

  @Override
  public void onDeleted(Deletion deletion) {
    events.add(
        "deleted "
            + deletion.conversation()
            + " "
            + deletion.messageIds().size()
            + " of "
            + deletion.sender()
            + " by "
            + deletion.actor());
  }

  @Override
  public void onFriendUpdate(String username, FriendUpdate update) {
    events.add("friend " + username + " " + update);
  }

  @Override
  public void onPresenceChange(String username, Presence presence) {
    events.add(
        presence.status() == Presence.Status.AWAY
            ? "away " + username + " " + presence.message()
            : (presence.isOnline() ? "online " : "offline ") + username);
  }

  /** Waits for an event line equal to {@code event}. */
  void awaitEvent(String event) {
    await().atMost(Duration.ofSeconds(15)).until(() -> events.contains(event));
  }

  @Override
  public void onTrustChange(String username, TrustState state) {
    events.add("trust " + username + " " + state);
  }

  @Override
  public void onConnection(ConnectionState state, String detail) {
    states.add(state);
    connectionDetails.add(state + " " + detail);
  }

  @Override
  public void onNotice(String conversation, String text) {
    notices.add(conversation + ": " + text);
  }

  /** Recorded, and also as the notice it words by default. */
  @Override
  public void onLeftOut(LeftOutMessages left) {
    leftOut.add(left);
    ClientListener.super.onLeftOut(left);
  }

  /** Recorded, and also as the notice it words by default. */
  @Override
  public void onLeftOutFromOthers(LeftOutFromOthers others) {
    leftOutFromOthers.add(others);
    ClientListener.super.onLeftOutFromOthers(others);
  }

  @Override
  public void onFileOffer(FileOffer offer) {
    offers.add(offer);
  }

  @Override
  public void onFileTransfer(FileTransfer transfer) {
    transfers.add(transfer);
  }

  /** Waits up to 15 s for an offer of a file called {@code name} and returns it. */
  FileOffer awaitOffer(String name) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> offers.stream().anyMatch(o -> o.name().equals(name)));
    return offers.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }

  /** Waits up to 15 s for a message matching {@code test} and returns it. */
  ChatMessage awaitMessage(Predicate<ChatMessage> test) {
    await().atMost(Duration.ofSeconds(15)).until(() -> messages.stream().anyMatch(test));
    return messages.stream().filter(test).findFirst().orElseThrow();
  }

  /** Waits for a message with exactly this text. */
  ChatMessage awaitText(String text) {
    return awaitMessage(m -> m.text().equals(text));
  }

  /** Waits until the last connection state is {@code state}. */
  void awaitState(ConnectionState state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !states.isEmpty() && states.get(states.size() - 1) == state);
  }

  /** Waits for a notice containing {@code text}. */
  String awaitNotice(String text) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> notices.stream().anyMatch(n -> n.contains(text)));
    return notices.stream().filter(n -> n.contains(text)).findFirst().orElseThrow();
  }
}
