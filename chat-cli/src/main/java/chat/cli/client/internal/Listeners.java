package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.Advice;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.DeliveryNotice;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Presence;
import chat.cli.client.PushedNotice;
import chat.cli.client.TrustState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link ClientListener}s; tells each in turn and keeps going if one throws, which
 * is logged in one line at WARN (the exception's class and cleaned message) and with its stack
 * trace at DEBUG ({@code -v}). Called on the client's event thread only.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean messagesStopped;

  /** The last local write failure reported, so that a repeated one is not said again. */
  private volatile String lastWriteFailure;

  /** Whether a listener refused the message or file offer it was told of last (event thread). */
  private boolean refused;

  void add(ClientListener listener) {
    listeners.add(listener);
  }

  void remove(ClientListener listener) {
    listeners.remove(listener);
  }

  private void each(Consumer<ClientListener> call) {
    for (ClientListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("a client listener failed: {}", TerminalSafe.line(e.toString()));
        LOG.debug("client listener failure", e);
      }
    }
  }

  /**
   * {@code work} for the event thread, made safe: a failure to write the profile is reported once
   * through {@link ClientListener#onLocalWriteFailure}, and any other failure is logged in one line
   * (the trace with {@code -v}), so that nothing escapes as an uncaught exception onto the
   * terminal.
   */
  Runnable guarded(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (CommandException.FileAccess e) {
        localWriteFailure(e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("client event failed: {}", TerminalSafe.line(e.toString()));
        LOG.debug("client event failure", e);
      }
    };
  }

  /** Reports a failure to write the profile, unless it is the one reported last. */
  void localWriteFailure(String text) {
    if (!text.equals(lastWriteFailure)) {
      lastWriteFailure = text;
      each(l -> l.onLocalWriteFailure(text));
    }
  }

  /** The profile was written: a failure after this one is reported again. */
  void localWriteSucceeded() {
    lastWriteFailure = null;
  }

  /** See {@link chat.cli.client.ChatClient#stopMessages}. */
  void stopMessages(boolean refuseCurrent) {
    if (refuseCurrent) {
      refused = true;
    }
    messagesStopped = true;
  }

  /** Whether a listener asked for no more messages: what is left is for the next client. */
  boolean messagesStopped() {
    return messagesStopped;
  }

  /** Whether a listener refused the message or file offer shown last; forgets that it did. */
  boolean takeRefusal() {
    boolean was = refused;
    refused = false;
    return was;
  }

  void message(ChatMessage message) {
    each(l -> l.onMessage(message));
  }

  void membership(String conversation, String username, boolean joined) {
    each(l -> l.onMembership(conversation, username, joined));
  }

  void noLongerIn(String conversation) {
    each(l -> l.onNoLongerIn(conversation));
  }

  void presence(String username, Presence presence) {
    each(l -> l.onPresenceChange(username, presence));
  }

  void trust(String username, TrustState state) {
    each(l -> l.onTrustChange(username, state));
  }

  void connection(ConnectionState state, String detail) {
    each(l -> l.onConnection(state, detail));
  }

  void stopped(CommandException why) {
    each(l -> l.onStopped(why));
  }

  void notice(String conversation, String text) {
    each(l -> l.onNotice(conversation, text));
  }

  void historyWentBack(String conversation, long seq) {
    each(l -> l.onHistoryWentBack(conversation, seq));
  }

  void advice(Advice advice) {
    each(l -> l.onAdvice(advice));
  }

  void membersDiffer(Advice.MembersDiffer differ) {
    each(l -> l.onMembersDiffer(differ));
  }

  void keyChangedPastMemory(Advice.KeyChanged changed) {
    each(l -> l.onKeyChangedPastMemory(changed));
  }

  void pushed(PushedNotice notice) {
    each(l -> l.onPushedNotice(notice));
  }

  void held(HeldMessages held) {
    each(l -> l.onHeld(held));
  }

  void heldPushed(HeldMessages held) {
    each(l -> l.onHeldPushed(held));
  }

  void delivery(DeliveryNotice notice) {
    each(l -> l.onDeliveryNotice(notice));
  }

  void leftOut(LeftOutMessages left) {
    each(l -> l.onLeftOut(left));
  }

  void leftOutPushed(LeftOutMessages left) {
    each(l -> l.onLeftOutPushed(left));
  }

  void leftOutFromOthers(LeftOutFromOthers others) {
    each(l -> l.onLeftOutFromOthers(others));
  }

  void group(GroupUpdate update) {
    each(l -> l.onGroupUpdate(update));
  }

  void deleted(Deletion deletion) {
    each(l -> l.onDeleted(deletion));
  }

  void friend(String username, FriendUpdate update) {
    each(l -> l.onFriendUpdate(username, update));
  }

  void fileOffer(FileOffer offer) {
    each(l -> l.onFileOffer(offer));
  }

  void fileTransfer(FileTransfer transfer) {
    each(l -> l.onFileTransfer(transfer));
  }
}
