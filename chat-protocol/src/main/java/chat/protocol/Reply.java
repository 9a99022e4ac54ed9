package chat.protocol;

/** A frame the relay sends in answer to exactly one request, named by {@link #re()}. */
public sealed interface Reply extends Frame
    permits HelloReply,
        RegisterReply,
        LoginReply,
        ResumeReply,
        LogoutReply,
        PongReply,
        JoinReply,
        LeaveReply,
        RoomsReply,
        MembersReply,
        BundleReply,
        BundlesReply,
        UpdateBundleReply,
        ChangePasswordReply,
        SendReply,
        HistoryReply,
        SyncReply,
        PutKeyBackupReply,
        KeyBackupReply,
        ErrorReply,
        FriendUpdateReply,
        FriendsReply,
        SetPresenceReply,
        GroupReply,
        FileUploadReply,
        FileChunkReply,
        FileFinishReply,
        FileStatusReply,
        FileDataReply,
        FileDeleteReply,
        SessionsReply,
        EndSessionReply,
        BansReply,
        DeletedReply,
        UsernameFreeReply,
        ReportedReply {
  /** The id of the request this answers; only an {@link ErrorReply} may leave it null. */
  String re();
}
