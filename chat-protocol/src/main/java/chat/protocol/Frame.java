package chat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One wire frame: a client {@link Request}, a relay {@link Reply} to a request, or a relay-pushed
 * {@link Event}. On the wire it is a JSON object whose {@code "type"} property names the variant.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = HelloRequest.class, name = "hello"),
  @JsonSubTypes.Type(value = RegisterRequest.class, name = "register"),
  @JsonSubTypes.Type(value = LoginRequest.class, name = "login"),
  @JsonSubTypes.Type(value = ResumeRequest.class, name = "resume"),
  @JsonSubTypes.Type(value = LogoutRequest.class, name = "logout"),
  @JsonSubTypes.Type(value = PingRequest.class, name = "ping"),
  @JsonSubTypes.Type(value = JoinRequest.class, name = "join"),
  @JsonSubTypes.Type(value = LeaveRequest.class, name = "leave"),
  @JsonSubTypes.Type(value = ListRoomsRequest.class, name = "list_rooms"),
  @JsonSubTypes.Type(value = ListMembersRequest.class, name = "list_members"),
  @JsonSubTypes.Type(value = GetBundleRequest.class, name = "get_bundle"),
  @JsonSubTypes.Type(value = GetBundlesRequest.class, name = "get_bundles"),
  @JsonSubTypes.Type(value = UpdateBundleRequest.class, name = "update_bundle"),
  @JsonSubTypes.Type(value = SendRequest.class, name = "send"),
  @JsonSubTypes.Type(value = HistoryRequest.class, name = "history"),
  @JsonSubTypes.Type(value = SyncRequest.class, name = "sync"),
  @JsonSubTypes.Type(value = PutKeyBackupRequest.class, name = "put_key_backup"),
  @JsonSubTypes.Type(value = GetKeyBackupRequest.class, name = "get_key_backup"),
  @JsonSubTypes.Type(value = HelloReply.class, name = "hello_ok"),
  @JsonSubTypes.Type(value = RegisterReply.class, name = "register_ok"),
  @JsonSubTypes.Type(value = LoginReply.class, name = "login_ok"),
  @JsonSubTypes.Type(value = ResumeReply.class, name = "resume_ok"),
  @JsonSubTypes.Type(value = LogoutReply.class, name = "logout_ok"),
  @JsonSubTypes.Type(value = PongReply.class, name = "pong"),
  @JsonSubTypes.Type(value = JoinReply.class, name = "join_ok"),
  @JsonSubTypes.Type(value = LeaveReply.class, name = "leave_ok"),
  @JsonSubTypes.Type(value = RoomsReply.class, name = "rooms"),
  @JsonSubTypes.Type(value = MembersReply.class, name = "members"),
  @JsonSubTypes.Type(value = BundleReply.class, name = "bundle"),
  @JsonSubTypes.Type(value = BundlesReply.class, name = "bundles"),
  @JsonSubTypes.Type(value = UpdateBundleReply.class, name = "update_bundle_ok"),
  @JsonSubTypes.Type(value = SendReply.class, name = "send_ok"),
  @JsonSubTypes.Type(value = HistoryReply.class, name = "history_ok"),
  @JsonSubTypes.Type(value = SyncReply.class, name = "sync_ok"),
  @JsonSubTypes.Type(value = PutKeyBackupReply.class, name = "put_key_backup_ok"),
  @JsonSubTypes.Type(value = KeyBackupReply.class, name = "key_backup"),
  @JsonSubTypes.Type(value = ErrorReply.class, name = "error"),
  @JsonSubTypes.Type(value = MessageEvent.class, name = "event.message"),
  @JsonSubTypes.Type(value = MembershipEvent.class, name = "event.membership"),
  @JsonSubTypes.Type(value = PresenceEvent.class, name = "event.presence"),
  @JsonSubTypes.Type(value = KeyChangeEvent.class, name = "event.key_change"),
  @JsonSubTypes.Type(value = FileUploadRequest.class, name = "file_upload"),
  @JsonSubTypes.Type(value = FileChunkRequest.class, name = "file_chunk"),
  @JsonSubTypes.Type(value = FileFinishRequest.class, name = "file_finish"),
  @JsonSubTypes.Type(value = FileStatusRequest.class, name = "file_status"),
  @JsonSubTypes.Type(value = FileDownloadRequest.class, name = "file_download"),
  @JsonSubTypes.Type(value = FileUploadReply.class, name = "file_upload_ok"),
  @JsonSubTypes.Type(value = FileChunkReply.class, name = "file_chunk_ok"),
  @JsonSubTypes.Type(value = FileFinishReply.class, name = "file_finish_ok"),
  @JsonSubTypes.Type(value = FileStatusReply.class, name = "file_status_ok"),
  @JsonSubTypes.Type(value = FileDataReply.class, name = "file_data"),
})
public sealed interface Frame permits Request, Reply, Event {}
