package chat.protocol;

/** A frame the client sends; {@link #id()} is echoed as {@code re} in the one reply it gets. */
public sealed interface Request extends Frame
    permits HelloRequest,
        RegisterRequest,
        LoginRequest,
        ResumeRequest,
        LogoutRequest,
        PingRequest,
        JoinRequest,
        LeaveRequest,
        ListRoomsRequest,
        ListMembersRequest,
        GetBundleRequest,
        GetBundlesRequest,
        UpdateBundleRequest,
        ChangePasswordRequest,
        SendRequest,
        HistoryRequest,
        SyncRequest,
        PutKeyBackupRequest,
        GetKeyBackupRequest,
        FriendUpdateRequest,
        ListFriendsRequest,
        SetPresenceRequest,
        GroupCreateRequest,
        GroupMemberRequest,
        GroupRenameRequest,
        GroupDisbandRequest,
        FileUploadRequest,
        FileChunkRequest,
        FileFinishRequest,
        FileStatusRequest,
        FileDownloadRequest,
        FileDeleteRequest,
        ListSessionsRequest,
        EndSessionRequest,
        ListBansRequest,
        DeleteMessagesRequest,
        CheckUsernameRequest {
  /** The client-chosen request id: 1 to 64 printable ASCII characters. */
  String id();
}
