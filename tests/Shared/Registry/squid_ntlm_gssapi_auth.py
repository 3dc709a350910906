#!/usr/bin/python3
"""A squid NTLM authentication helper (auth_param ntlm program ...) for the tests' proxy fixture.

It does no NTLM itself: every token goes to gss_accept_sec_context of the NTLMSSP GSSAPI mechanism
(Debian's gss-ntlmssp, OID 1.3.6.1.4.1.311.2.2.10, through python3-gssapi). That mechanism builds the
CHALLENGE message and, on the AUTHENTICATE message, checks the client's NTLMv2 response against the
password of the user in the file named by NTLM_USER_FILE (lines DOMAIN:user:password). A wrong password
is refused there, by the mechanism, never by this script.

squid's stateful helper protocol, one exchange at a time per helper process:
  squid: YR <base64 NEGOTIATE>     a new exchange     -> TT <base64 CHALLENGE>
  squid: KK <base64 AUTHENTICATE>  its continuation   -> OK user=<DOMAIN\\user, %-encoded> when accepted,
                                                         NA <reason> when refused, BH <reason> on a broken request
"""
import base64
import binascii
import sys
import urllib.parse

import gssapi

NTLMSSP = gssapi.OID.from_int_seq("1.3.6.1.4.1.311.2.2.10")


def reply(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def one_line(error):
    return " ".join(str(error).split())


def log(line):
    # squid copies a helper's stderr into its cache.log
    sys.stderr.write("squid_ntlm_gssapi_auth: " + line + "\n")
    sys.stderr.flush()


def main():
    acceptor = gssapi.Credentials(usage="accept", mechs=[NTLMSSP])
    context = None
    for line in sys.stdin:
        words = line.split()
        if len(words) != 2 or words[0] not in ("YR", "KK"):
            context = None
            reply("BH expected YR or KK followed by a base64 token")
            continue

        if words[0] == "YR" or context is None:
            context = gssapi.SecurityContext(creds=acceptor, usage="accept")

        try:
            token = context.step(base64.b64decode(words[1], validate=True))
        except (binascii.Error, ValueError):
            context = None
            reply("BH the token is not base64")
            continue
        except gssapi.exceptions.GSSError as error:
            context = None
            log("refused by the NTLMSSP acceptor: " + one_line(error))
            reply("NA " + one_line(error))
            continue

        if context.complete:
            # gss-ntlmssp's display name counts the C string's terminating NUL
            user = str(context.initiator_name).rstrip("\0")
            context = None
            log("accepted " + user)
            reply("OK user=" + urllib.parse.quote(user, safe=""))
        else:
            reply("TT " + base64.b64encode(token or b"").decode("ascii"))


if __name__ == "__main__":
    main()
