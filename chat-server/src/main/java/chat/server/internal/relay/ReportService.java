package chat.server.internal.relay;

import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.ProtocolVersions;
import chat.protocol.ReportRequest;
import chat.protocol.ReportedReply;
import chat.protocol.Usernames;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.RegistrationLimiter;
import chat.server.internal.storage.AuditRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports of one user on another to the relay's operator (wire version 17). A report is one row of
 * the audit log ({@link AuditType#REPORT}), written before the answer: the reporter in its {@code
 * username}, and in its detail whom it is about, where the reporter saw them and the reporter's
 * reason, which {@code chat-server audit --type report} shows the operator. The user reported is
 * not told; nothing else is stored. The relay cannot read the conversation: a report holds only
 * what the reporter wrote in it.
 */
public final class ReportService {
  /** The most reports one account makes in an hour. */
  public static final int REPORTS_PER_HOUR = 20;

  private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

  private final Storage storage;
  private final LogIds logIds;
  private final AuditRepository reportRows = new AuditRepository();
  private final Clock clock;
  private final AccountService accounts;
  private final ConversationService conversations;
  private final AuditLog audit;
  private final RegistrationLimiter reports;
  private final AuditThrottle limitAudits = new AuditThrottle();

  /**
   * The service over its collaborators: reports written through {@code storage} and said in the log
   * under {@code logIds}' pseudonyms, each account's reports counted and stamped by {@code clock},
   * refusals past the limit audited through {@code audit}.
   */
  public ReportService(
      Storage storage,
      AccountService accounts,
      ConversationService conversations,
      AuditLog audit,
      LogIds logIds,
      Clock clock) {
    this.storage = storage;
    this.logIds = logIds;
    this.clock = clock;
    this.accounts = accounts;
    this.conversations = conversations;
    this.audit = audit;
    this.reports = new RegistrationLimiter(clock, Duration.ofHours(1), REPORTS_PER_HOUR);
  }

  /**
   * Records {@code request} in the audit log. Refused below wire version 17 ({@link
   * ErrorCode#BAD_FRAME}); past the account's {@link #REPORTS_PER_HOUR} ({@link
   * ErrorCode#RATE_LIMITED}, audited at most once a minute per account); about a user the relay has
   * no account of ({@link ErrorCode#NO_SUCH_USER}) or about oneself ({@link
   * ErrorCode#INVALID_TARGET}); naming a room the reporter is not in ({@link ErrorCode#NOT_MEMBER})
   * or a private conversation that is not theirs with that user ({@link ErrorCode#NOT_MEMBER},
   * {@link ErrorCode#INVALID_TARGET}).
   */
  public ReportedReply report(ClientConnection connection, ReportRequest request) {
    Requirement.requireVersion(connection.state(), ProtocolVersions.REPORT);
    String key = connection.state().requireUserKey();
    String reporter = connection.state().requireUsername();
    long waitMillis = reports.attempt(key);
    if (waitMillis > 0) {
      long held = limitAudits.admit(key);
      if (held >= 0) {
        audit.record(
            connection,
            AuditType.RATE_LIMITED,
            reporter,
            "reports (over "
                + REPORTS_PER_HOUR
                + " an hour from this account)"
                + AuditThrottle.refusedSince(held));
      }
      throw new RelayException(
          ErrorCode.RATE_LIMITED,
          "this relay takes "
              + REPORTS_PER_HOUR
              + " reports an hour from one account; retry in "
              + RegisterService.inWords(waitMillis));
    }
    String typed = request.username();
    String targetKey = Usernames.isValid(typed) ? Usernames.key(typed) : null;
    String name = (targetKey == null ? null : accounts.registeredName(targetKey).orElse(null));
    if (name == null) {
      throw RelayException.noSuchUser(typed);
    }
    if (targetKey.equals(key)) {
      throw new RelayException(ErrorCode.INVALID_TARGET, "you cannot report yourself");
    }
    String conversation = request.conversation();
    String where = "";
    if (conversation != null) {
      conversations.requireMember(conversation, key);
      if (ConversationIds.isDirect(conversation)) {
        if (!ConversationIds.parties(conversation).contains(targetKey)) {
          throw new RelayException(
              ErrorCode.INVALID_TARGET, name + " is not in that private conversation");
        }
        where = " in private";
      } else {
        where = " in " + conversation;
      }
    }
    // Written in the next group commit and answered once durable, not queued as other audit events
    // are: the row is the report, and a full audit queue would drop it after "reported" was sent.
    AuditEvent report =
        new AuditEvent(
            clock.millis(),
            AuditType.REPORT,
            reporter,
            connection.remoteAddress(),
            connection.logId(),
            AuditEvent.REPORT_PREFIX + name + where + ": " + request.reason());
    storage.write(
        c -> {
          reportRows.insertAll(c, List.of(report));
          return null;
        });
    // For an operator who watches the log: pseudonyms as on every line, never the reason
    LOG.info(
        "report from {} about {} on {}: chat-server audit --type report shows it",
        logIds.user(key),
        logIds.user(targetKey),
        connection.logId());
    return new ReportedReply(request.id(), name);
  }
}
