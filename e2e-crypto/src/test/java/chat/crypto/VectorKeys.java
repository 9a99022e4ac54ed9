package chat.crypto;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The fixed identities of the checked-in envelope vectors: three RSA-3072 keys (PKCS#8) and three
 * Ed25519 seeds, for test use only.
 *
 * <p>The keys were made once with the JDK's RSA key generator fed by {@link
 * InsecureDeterministicRandom} (labels {@code chat-e2e/test-vectors/rsa/<name>}; each seed is the
 * first 32 bytes of the stream labelled {@code chat-e2e/test-vectors/ed25519/<name>}). They are
 * embedded rather than regenerated because prime search is an implementation detail that may change
 * between JDK releases; the vectors must not. Every private key here is public knowledge.
 */
final class VectorKeys {
  /** Creation time of every vector identity: 2025-01-01T00:00:00Z. */
  static final long CREATED_AT_MILLIS = 1_735_689_600_000L;

  private static final String ALICE_RSA_PKCS8 =
      """
      MIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQCY5tYUbG9OeBbx
      yv3187MFBXfmIZy+Q3j4sU34389TYEJXxuLMU3/dIbA93Em4A98gd1XYvKpOcOAL
      o50gafX9VwmCQQ6DY/HLIDinX+T0jdPrB+I5FuJRmzKKzLSuCqjKK+rE4aYX8ddx
      F1ZIf3ERRIN3WUhmz1vlhJDqRZAeAqGGxOfgA86PjWZt9gMNUwQAxXTfAliUiIE7
      xX170rR9k2EuNcJ6MzUoXHkZGivr5CR0Ipgmob09kPyxOvbkFVkmvVEvtGnqp4Ri
      cTm5MrE1RI6l6R6s1M0+oVQk2fqSM75Lx82mG2trptxQ/L6M44pXUOzS6acOqfuI
      x3HJrSJ68oZKGhZxlFQ1/T+Yc0Pob4TufewyMgPcqUZB/JsNq8OP7vdfKvKq08+i
      KCq5aTH39UVUnctjHM8WYO2yG2Mv+V46PUMHzTFf+c6MfKXJNubWHnv0PLiU2WfS
      /8LyNZ9zUUjcUEBWLZkAvHWRUl1QkZ2g4PSny+gLrWDlaa4QW7MCAwEAAQKCAYAP
      c/j77G+dZx6uhjz/gAc+QSy6efgs9IXD4KuINRpvi0F5PJUMYH4CO9bjkaFzsxR4
      ZActlffCYL8L/hexwHPHjGXeH7QXTGESDeob5GGv46ugy9WtvmXWKJDFnWW/Vz1y
      3VhnWITgU6VZ/SlPv22OeLWuuLvMBDX97tV0j94+Yjav97OVnNzh/kD1aREq5hJ3
      /3zN0x9ft6IUB+QkQQnTzTLbqDxE/GrpbtsgUdhRiWezwxFMijklgUNAqDxulcea
      WGMce+DlcgRsPNgIBHC0x5QVmIq/v9QYjtUbPLIYoVGefugb84UhQPXfbdfl7LY0
      3Th0Y9LWKX6RyOV2gY1PqKa7ARSmZH4CUikVsmJV8sKccHa0J2Qyg1hz9jl+FmwP
      UDrpbxIfHuxHULSATA5RXclbUs9FXwJLVyOZ99akP4DDrG1qtm5c5Ekmyd5b8CQG
      0GZB+gWaurqOzqhlvBn5cK3MFvg0dF4j550ZBGNiPrayR/LZKsYpKJFjzX0c/xEC
      gcEAxQaGafKuABdftWix/STy1PD/mGAKR1wq57Mgq8YLxejDz4MMfsylU2QPeLyT
      OWBZrQTrzlyLtZW7XrdBLzcNo5WonC8ayUXzHUAdSBKk6noBLDkVHuUWDnBOn3r6
      HIX6e8XegIQgttp8K8xjleTiKkwsdvSI3McXdzGsyAtM4JaYVmW+IBOh7TovaNrP
      ikYp1IFSrFsH7yvcOC8p9cNtcSeysfM8ipYErlORDl15UdTuBesXnpvzjoSBGTqH
      753jAoHBAMarPMHQmYY69pNb9zoEF37Kh5E7OYcr15C8FavBiXHG+mpQhPsHYjZA
      AzD2x3GPDPgBjR7mYVMnH1HzniRYcZf/QmBpf6sfRLcaCJkFlED0n5lCEjSr3BaO
      CbEg7XAn2PlnQeQBYCPSPDR60jZCkC2p62O7hLnEe4bHjqLGVpUHK+GXviQLYUmP
      mNYZVnm/K7PQVNgr6isa5SfwG+YRT3VVlKrEvaDwURRJ+Onw1g52xRhWFAfeVRQZ
      c21hOT2z8QKBwQCJ1X7DL9s6hR+XsZ6TEf4vqkmlN8r5ESmS3mXExdAGrEgQLAXZ
      zyD5rc6FEKeORDF4MTEmNOgoKI/kOx+HAGSyREiouutqU1044VmayjBFOQUJAwYb
      jvhXMYpPV6ERw0jwvgRitAyO31pu6ZXhjzYJkTCqJ3h3u3BXGpFdgUpO9AuupY7U
      sedeJo50NF9sxJkO6UoE+cobL/vn8lbQb99ogfUpOJjp+vlbW2rnOc1dyjCaQ1VK
      yJ8i3N/T3naq0zECgcADkWW48V8gewScpuUsxJALdeWzZQXmeJIZhlc5S3OFeJZc
      vG929q373XBxO61fS7tm5Ng8+tQ6oxQ7640mh/QaT7pIcvyY/SnFxBDtdp0wAXSw
      UvByw7djLE/eP4IkJoMOD52uU5v/aLIuGxqVYOKn/0o7800x7OZvCDx2jetWJ9fQ
      6GHA0feAU7Th+3iDHTzSsOYlL7y343bEHdrSafMsX0oZOwlQz6AVJjLzOKEPh3CI
      vFsFvSd4AfEBwOI/SnECgcBBk5ODfL3eTRG3GdqJd8+5XHsfl2Ewm2v6Up71Gjoy
      aihf9F/B/ePvOCej3D9+mAZ26IItkuT24o+URmdsHbk6fz987h8oYVpkczTTJ3za
      jWdJ2OFg7Xqz+5+28RbwCBwTc+JTzYsYmyTri8gf3biA3TzcIxQtDV+/Oh2lbRP/
      AQn6GdKp0QC8KqMcAOJ/93X9JLoFpAceoqRBEjB4HLWrpRVD1ET1wuFKAYNJli/s
      jCfQzqZVV3ulddTjpmvFh3Y=
      """;

  private static final String ALICE_ED25519_SEED =
      "14a365a8de4601ae8aef915e19e61e0d38ae2a67f6f66c5878737b48badb5a31";

  private static final String BOB_RSA_PKCS8 =
      """
      MIIG/gIBADANBgkqhkiG9w0BAQEFAASCBugwggbkAgEAAoIBgQCmtENwZb+dXyX2
      R0zVeEojwOp3+V27bxKvxXhbWspzWXpMLCsk5L/KeMO9zPcnho7uF31A6gFtxQyC
      OGnZRAraSY/q3KMZo7zszPoeSU0iYzldoHvw+/nWweKU5wzYHWa0L2HY2E5vi+aa
      EWtkLPzF+Hzm7GG2wVzefeGw6+0iOmUZQvw4X/PP17Y1KKl7s5OmoULJCpD7RXsz
      fkocraGgW3rHDPHaak0SFN+r/xnAIAr0sOzf9X+rHWhNCAlctV9ZvXYoxfXotjde
      UK4P8ciIXaMWnjVbtn/CQIKA0eg63mdy5C90zmWJfBLgV0mVncosQuRn0LtaBeG+
      j1kQsVkooMMLShoKo/7kIwYBPDhfjV7jFlMv7Y3+k0qI7q960ZK5yKi9CJtjsLc9
      U1wKAiyvAirMLLnLcZZndomfsvrKqWJCuQapKcaNPn89s4naUcBxK3c0wJKZvf/l
      SJPu5GFx64SuSxPnAFWrQsyQ91fDN7hHVYLYolZ7I44m+wXL/ekCAwEAAQKCAYAI
      vxN8vbHogVn+Cm6jEp0dNB15Lvm2gFTkKQGwFVri43Jxta2L0X6okl5+wlbDWaF9
      J3lYYw6xIjIOUQRotFO3cT2eTnY2PauHZxfGaAUmhTs4yNdH5QiONnz7YAYB/sTp
      NkU1ed/fpWDze299gYi/oFJ5UTStQIbtW4BwZmh6L8MnKKcQFCS4JnK2ZkxCI8Fe
      8D4PS0EhFdupb3pW99svjS0rbWfxFDu386VqokdJF8VLYk8DTx+kLDZROFc5aICj
      CCY4NLci1gu+avvTpi9X3wThqPYdo1hg2IgjLeaBeRR+baqf52pXzy3gyOEQymlJ
      ZJaWsQFJ36z9hvJ5RO1yGWhYQJkOTGAiExo0L4kHvFxdVDi1LhVPgzYMwr1H9qvN
      UlykKuO6GZUwcuI415A9Xq/nD+JtBo9Z2Kf5kKBoCs6lfUO0E6sv/z/qRuA1eVb1
      cLt0y+l4aS+7sSOsLXZwciRrXnc6yLGm8K6/avwaz74FuZfIUhf8jfzy+Rod+IEC
      gcEAy5buYtqISxWNHun0E15Zp/05kichfz1Cc6B8xyYbo67xhTOVEAizkf6nO4Kd
      Otu0BqC7TKQGTjMnm0YHjYvp73JZXq/I5Pv+epT0PXxNM8jFt9wNG7hfANNowLMs
      qtuETMJDBTtBiTgQTuo/XI3qEZceFXH1g/1R2As19EnpD5E/QoS5Ww5zgbeLvvyt
      ftTcMX5LxLoaQ5V5fOnMUfLShzP2+Prn0XmuGDzHOswJzOgHnl9IxvcNZyMnY6+G
      AnVJAoHBANGefVLSuOHGJStIVQ7tXt2FPyQ2LEYV2JkLrgseJGo/btFZar1dtLRo
      aU0lPY8GRyZ/unN3dSOTYR3Ro2RxSLrsV3WDZnwsav4kSnmUIBXjMLMrO12FOBq1
      mmK775uDkWxONUkNy9a5xnV/Iwa8qGT9XOqQOAUei+22A7rZ+ffnp7AQegZYbdXH
      NX5um2j1uw5zN5uzXOCWoJ+fVsJFTpkTSYwmeOYkwZXA14EluBHxq7YhjopJ/gU5
      lF32lL1joQKBwQCBKIKZ0jwPLl/2EcRXmU7VxU+Fyi91En8a7eDbUvDL+gudTqkt
      n+eUInMjzOxEz+c5ITVSHOknKUriNh5KjU3fK7NI38pagwfh6qe8biRoSuIsj3z9
      bg1Pb8+QGNuolVUsgT2Vjw83p4qpFfEWna22dSGPx1lT4BzRK+OR1GX4C1SPtbYF
      73gV/kS46IKE6TO8bnxRFSPeZnDJb2XBQ4SOY8g2Eq+I9GIfXEekpJc/GKDkt1xr
      ZYZqPSIbGtqwqokCgcApujkMYbI4D2+avB1iiVIXGs1E8hvCH9ssLC0LPYbWN6Zh
      ukELTToJp7c+iilE7WUAfvCox6Dj4hS1EORLvFlUDHQkinG+SkFKMgM5TIlOkhlB
      sVtx9HEEsB35hZvfA0PRoYft8Pcg2X5uKU7ZqniDEgSLFQZxznDgcxku+vFNrimt
      XLpNxRCoO62ka3Q4YqJH8BujvQLCGnoDDH8C0TUiN7quUYJDnhGDNA4yQUXxHICo
      EuoDEVOlyp6ETe+x+8ECgcEAvgCiBGUQw0Dx3QzbIZsJLfjUMGavqB0f9NOdRjG7
      hiCzSVenBqZc7b1VTjni17tOtnPrEhtIBl6CRf4bKd65fcNIBeJydzXON+iUCvTh
      SMqPqn0Xtm38VFIHkEV0ny/Vc/D6NLP1hVSpngyyK6nL+0juNlZcLiYI53+lcd6+
      3ULHg+7OTHqrpQiE3dh/yqDgAaRuAr5YhdT1qBHHsO6vBotmCy/iBmgwjnauxNNX
      GUsJnAXbkUF+OSZA0RuibAYj
      """;

  private static final String BOB_ED25519_SEED =
      "2a830812040a326fc4812e752e903ea05c887405005cbdc8cb2f6b440bd1d7c2";

  private static final String CAROL_RSA_PKCS8 =
      """
      MIIG/gIBADANBgkqhkiG9w0BAQEFAASCBugwggbkAgEAAoIBgQDf6H59KZneWccm
      FlV9C4BM48JdCVv0r3zZ6CxuzYk6LDSYmF4W4kbSrXXnSH0PISOx1nSdR/C19yRg
      J5mfhjgYT5Af7jdD1UhjAfhQmsnFruVhVm4Ff3g9Zv7wZpPxGMG3Z7zBbGyP16ku
      f+aN7wc3oJKNOrQQoIPYmU+vlVBQwiM0QwM4TlbyOgAib0S7ztfiOKZ5Qum9Ut3m
      KRYyX/ggzXWZSipMQ+94tf1DdjaLm3bZg/D/XBg81RfXuDN25ww+xP5xOtl2H7pQ
      WN+3MfgKHkIcWM2WjexnhgZzOdoyzMW6FYcvdWbtEuJsAesO0kaPZFieHlHvj+U6
      mV+VHaqvVdGapxNZIdFULQw4rmr0xjRhebuY45j9uJ1VnM76MyhPNtZDKs03m3ag
      oXzzyhjRYeZFt6HoxNJs898Ei5JZlA2cOoGE9mkHKtZQXHQ5g6QuAM0x3353v9pF
      yY1hzOtgNS9qlpH1XWcLq6jhOUnOCd3KS7cyVyKlG60NOWwKxmECAwEAAQKCAYA4
      K8I3sg0Iy+r68hVmNlFseKLU5jksbC3dGLK05Vksv9Q+B9Nq2D8+MQfoCrZc6kpj
      HdLJdje73pFAkg6nB2vhJWyZphA1MzdipybdSceekR64SY92T6Ehfkoskv9AN565
      XQvsVj/x4f9uS+XR64oa+Wxqg7SSi0IoP2XPPZ0VdW6ReNJA+N41DDnmaZWLq/ta
      pC2XNCMhPL2wNNR9tLexuvlqiEGOOmjEFpu/pdNPOKQbM09tMHRgJnFBy9MVXCat
      F7krTHVummYTQnMyQzCFdYfgAu7aNrObUhsn/OT5cWMMwTu82b4pgvDa1z56gjCn
      JN9sSWpDM9NmTnUVMKBUXxp9aHFxTC/4tiIJFxMFWrGlsaOpPyJlO1+YllRSoN60
      SWTKr2MWacLdkw9aflRjlRRjqYJup5mSbgqjUrpMOin/SMev6CVPYvziTe7doGCG
      8YKLFaNpRovoj9J+C1L5SZKMlSNmPSf+yi26S4lmcVfhDXqzHsaf8vJFGSwCZvUC
      gcEA9m9WO5B99jz3RibQUDHVUHbz59P+eE6h9AmdXmlgwgNM+gIS0bkFCXF6/NXC
      tOH51/KZDYVBfgxiOWjIYiHGK+5IK4WHB/rysV18LOwKKh7bFnaw5QHIA26/eOak
      A1yYL6UooWPLUNk8Rbca7o5cieFBbdJhJGugioCikeri3jLRHVRmn7919gpXdcZe
      3oNr+pkxBBfXFXIq5A5ifnentmVM8ozmXApL/WxrDo3f1/+Q+upEjI6ijSKB5tTj
      W4JjAoHBAOiZUuWPMMWxRGhYG7E0gPMj5ec+Zl7zcreI9AC2LQOBWwH/nBIJ4NGR
      FIHnFJiF4thmS39VFslk495kJ7eu3whLcwEP2K4tf6fOsdTG6FA9g4vUKweMHruS
      pbrcnRVemaJ4s5At9x0qYHudjrsy8JVFgaBLLZzAVR7y5nm84+Dk+kQXXyGxwNO9
      +YQrx1o77mfYwXYybk18ZQuBCnDECO+re4sV9LqvLB9DZA643zG2LnDYNd2E9US3
      CSx5WbbNawKBwQCi8FKP56WhXgYQ+DDcFVb5cO0r51tlqHgkpwbKGdrD7PLEiwJu
      cGsIJ2QuMBghCRjs05am/eijswRu+P0lBTfGbDKDtDHn8ODurOUhvp+p4eTyIWAs
      ytS4kE1BXx4qqtplBkqrCxSvTDMx1TOVb8N31twwBN39+ruXWB4lZKzERc1GGzwP
      e8Q+/e9+C79GWJbYhtmF301y/J2nVGuDOxJE4w3RgZ/+U0CTO1A9u0i5xFzTynmw
      hc6siphhS3lYVAkCgcEA1Y7Qucx6r0hO0q7y3gSi0JqJH4P/YfaLwU+RGIYrViiS
      codJuJYxQLi/53VPR6rF2IIzlzl8rnRfc3TpspBwXqFHehYej+1eY6g3RnFKI0IX
      YW7wAwH3xaijWans4A33aWEBHMPXO4QJCfZjciUXFza2CYJ84osEnGHQkr2HTJlv
      3szGn50gukiWq2+2nXahMd+l4Ov0slggPivAdkDHI6aCy/TgufbTv/CUEaBT7MSk
      Zx9cdYL53plfZuIUKO75AoHAaZSqhzDZ+/LZ/4ftgjAvMfdNHO9zSeiPsum8+ZZ7
      yc0SJgsAyW94csE28cNHMKL7ODZn8udxiR4v+QQOE8S5hSIDj9OCR8q6GCbhimVS
      oRktW2ToA3UyrcArLJNWFh4vlVFVd6uv0tVUVUH4PHmGSXUAGlJvOlkMFvNmpUMw
      7jA5P4wCBV+4JHMYq5UWxjGDPeXM7tRsvao25ColgI8LxKB0bVCx+cnxTz7yS2mq
      Vcx4dolo8Vf/GUBNXbSp1Tvf
      """;

  private static final String CAROL_ED25519_SEED =
      "87e96b18d37a0349033567bd65a421887d4e4bcc8a614b2e0a73c55e83ecc6d3";

  private VectorKeys() {}

  /** Alice's RSA private key, PKCS#8 DER. */
  static byte[] aliceRsaPkcs8() {
    return Base64.getMimeDecoder().decode(ALICE_RSA_PKCS8);
  }

  /** Alice's Ed25519 seed. */
  static byte[] aliceEd25519Seed() {
    return HexFormat.of().parseHex(ALICE_ED25519_SEED);
  }

  /** Bob's RSA private key, PKCS#8 DER. */
  static byte[] bobRsaPkcs8() {
    return Base64.getMimeDecoder().decode(BOB_RSA_PKCS8);
  }

  /** Bob's Ed25519 seed. */
  static byte[] bobEd25519Seed() {
    return HexFormat.of().parseHex(BOB_ED25519_SEED);
  }

  /** Carol's identity; her keys also serve as the "other key" of impostor identities. */
  static IdentityKeyPair carol() {
    return identity(
        "carol",
        Base64.getMimeDecoder().decode(CAROL_RSA_PKCS8),
        HexFormat.of().parseHex(CAROL_ED25519_SEED));
  }

  /** Alice's identity. */
  static IdentityKeyPair alice() {
    return identity("alice", aliceRsaPkcs8(), aliceEd25519Seed());
  }

  /** Bob's identity. */
  static IdentityKeyPair bob() {
    return identity("bob", bobRsaPkcs8(), bobEd25519Seed());
  }

  /** An identity for {@code userId} from fixed keys, dated {@link #CREATED_AT_MILLIS}. */
  static IdentityKeyPair identity(String userId, byte[] rsaPkcs8, byte[] ed25519Seed) {
    try {
      return IdentityKeyPair.fromKeys(userId, CREATED_AT_MILLIS, rsaPkcs8, ed25519Seed);
    } catch (MalformedDataException e) {
      throw new IllegalStateException("embedded vector key is invalid", e);
    }
  }
}
