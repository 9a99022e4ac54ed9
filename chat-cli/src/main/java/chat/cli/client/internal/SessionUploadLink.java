package chat.cli.client.internal;

import chat.protocol.Reply;
import chat.protocol.Request;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link UploadLink} of a logged-in session: file requests over its {@link TransferLink}, the
 * offer sealed and sent by an {@link EnvelopeSender}, and uploads that will not be offered deleted
 * through the session's {@link PendingDeletes}.
 */
final class SessionUploadLink implements UploadLink {
  private final TransferLink link;
  private final EnvelopeSender sender;

  SessionUploadLink(TransferLink link, EnvelopeSender sender) {
    this.link = Objects.requireNonNull(link, "link");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  @Override
  public Reply exchange(Function<String, Request> build) {
    return link.exchange(build);
  }

  @Override
  public String username() {
    return link.session().username();
  }

  @Override
  public void checkRecipients(String conversation) {
    link.beforeStart();
    EnvelopeSender.checkRecipients(link.session(), conversation);
  }

  @Override
  public EnvelopeSender.Sent offer(String conversation, byte[] plaintext) {
    return sender.send(link, conversation, plaintext);
  }

  @Override
  public void discard(String fileId) {
    new PendingDeletes(link.session().state)
        .discard(link.ifOnline().map(PendingDeletes::over), fileId);
  }
}
