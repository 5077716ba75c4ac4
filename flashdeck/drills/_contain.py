"""Containment for the learner's sandbox process (Linux namespaces, else a process group).

Standard library only: ``_runner.py`` loads this file by path, before it imports NumPy or
reads a job. `contain(plan)` turns the calling process into a *keeper* that stays outside and
a *runner* that carries on inside, and returns a dict describing what took effect:

- a user namespace (so no privilege is needed, and root's capabilities stay inside it),
  with new PID, network and IPC namespaces, and for the runner a mount namespace;
- the runner is PID 1 of its PID namespace: when it ends, the kernel kills every process the
  learner's code started, daemons and setsid included, and the pipes they held close with them;
- its file system is a read-only tmpfs holding read-only binds of the system and Python
  directories the plan names, the job directory (the only writable place) and /dev/null & co.;
  the paths the plan hides (the flashdeck package, the drill sources, the data directory) are
  covered by empty read-only tmpfs mounts, the learner's home and the repository are simply
  not there;
- the network namespace is empty (not even loopback is up);
- every capability is dropped and no_new_privs set, so the learner's code cannot remount,
  unmount or gain privilege by exec.

The keeper (the process the parent started, outside the namespaces) waits for the runner,
forwards SIGUSR1 (the parent's request for a stack dump) and exits the way the runner did, so
the parent reads the same exit status and CPU time as without containment.

Anything refused (a kernel without user namespaces, max_user_namespaces at 0, Ubuntu's
AppArmor rule, macOS) falls back to the process group the parent kills as a whole, plus
RLIMIT_NPROC for a non-root user; the returned dict says which and why.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import signal
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 32, 1024, 2048, 4096
MS_REC, MS_PRIVATE, MS_RELATIME = 16384, 1 << 18, 1 << 21
MNT_DETACH = 2

PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
_LINUX_CAPABILITY_VERSION_3 = 0x20080522

_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "arm64": 41, "riscv64": 41, "ppc64le": 203,
               "s390x": 217, "i686": 217, "armv7l": 218}

DEVICES = ("null", "zero", "full", "random", "urandom")
NPROC_IN_NAMESPACE = 512  # (root is exempt from RLIMIT_NPROC by the kernel)
NPROC_ROOM = 64  # processes the learner may add in the fallback (a bounded fork storm ends there)


class Refused(Exception):
    """A step of the containment the system refused; the message says which and why."""


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    return libc


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise Refused(f"{what}: {os.strerror(err)} ({errno.errorcode.get(err, err)})")


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _userns_hint(err: str) -> str:
    """Why user namespaces are refused here, as far as the system says."""
    for path, bad, hint in (
        ("/proc/sys/user/max_user_namespaces", "0", "user.max_user_namespaces is 0"),
        ("/proc/sys/kernel/unprivileged_userns_clone", "0",
         "kernel.unprivileged_userns_clone is 0"),
        ("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1",
         "AppArmor restricts unprivileged user namespaces "
         "(kernel.apparmor_restrict_unprivileged_userns=1, as on Ubuntu 24.04)"),
    ):
        try:
            with open(path) as f:
                if f.read().strip() == bad:
                    return f"{err} — {hint}"
        except OSError:
            pass
    return err


class _Mounter:
    def __init__(self, libc):
        self.libc = libc

    def mount(self, source, target, fstype, flags, data=None, what=None):
        ret = self.libc.mount(
            source.encode() if source else None, target.encode(),
            fstype.encode() if fstype else None, ctypes.c_ulong(flags),
            data.encode() if data else None)
        _check(ret, what or f"mount {target}")

    def remount_ro(self, target):
        # Flags the outer namespace set (nosuid, nodev, noexec, atime) are locked in a user
        # namespace: a remount that drops one is refused, so keep whatever is there.
        st = os.statvfs(target)
        keep = 0
        for st_flag, ms_flag in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV),
                                 (os.ST_NOEXEC, MS_NOEXEC), (os.ST_NOATIME, MS_NOATIME),
                                 (os.ST_NODIRATIME, MS_NODIRATIME),
                                 (os.ST_RELATIME, MS_RELATIME)):
            if st.f_flag & st_flag:
                keep |= ms_flag
        self.mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | keep,
                   what=f"read-only {target}")


def _makedirs(path: str) -> None:
    os.makedirs(path, mode=0o755, exist_ok=True)


def _build_root(plan: dict, m: _Mounter) -> None:
    """Mount the new root on plan["root"] and fill it; the caller pivots into it."""
    root = plan["root"]
    m.mount(None, "/", None, MS_REC | MS_PRIVATE, what="make mounts private")
    m.mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755",
            what="tmpfs root")
    inside = lambda p: root + p  # noqa: E731 - absolute paths keep their names inside
    for src in sorted(plan["read_only"], key=len):  # parents first
        if not os.path.lexists(src) or os.path.lexists(inside(src)):
            continue  # missing here, or already under an earlier bind
        if os.path.islink(src) and os.path.dirname(src) == "/":  # merged /usr: /lib -> usr/lib
            os.symlink(os.readlink(src), inside(src))
            continue
        if not os.path.isdir(src):
            continue
        _makedirs(inside(src))
        # not recursive: the read-only remount reaches only the top mount, so no submount
        m.mount(src, inside(src), None, MS_BIND, what=f"bind {src}")
        m.remount_ro(inside(src))
    for src in plan.get("read_only_files", ()):
        if os.path.isfile(src) and not os.path.lexists(inside(src)):
            _makedirs(os.path.dirname(inside(src)))
            open(inside(src), "w").close()
            m.mount(src, inside(src), None, MS_BIND, what=f"bind {src}")
            m.remount_ro(inside(src))
    job = plan["job"]
    _makedirs(inside(job))
    m.mount(job, inside(job), None, MS_BIND, what="bind the job directory")
    _makedirs(inside("/dev"))
    for name in DEVICES:
        dev = f"/dev/{name}"
        if os.path.exists(dev):
            open(inside(dev), "w").close()
            m.mount(dev, inside(dev), None, MS_BIND, what=f"bind {dev}")
    _makedirs(inside("/tmp"))  # exists, read-only: TMPDIR points at the job directory
    _makedirs(inside("/proc"))
    try:  # this PID namespace's own: the learner's processes only
        m.mount("proc", inside("/proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, what="proc")
    except Refused:
        pass  # a system that keeps /proc from a namespace: Python runs without it
    for hidden in plan["hide"]:
        target = inside(hidden)
        if os.path.isdir(target) and not os.path.islink(target):
            m.mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                    "size=4k,mode=0555", what=f"hide {hidden}")
    m.mount(None, root, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV,
            what="read-only root")


def _pivot(libc, root: str) -> None:
    number = _PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise Refused(f"pivot_root: unknown system call number on {platform.machine()}")
    os.chdir(root)
    # pivot_root(".", "."), then detach the old root stacked under it: no directory needed
    _check(libc.syscall(number, b".", b"."), "pivot_root")
    _check(libc.umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")


def _drop_privileges(libc) -> None:
    for cap in range(64):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            break  # past the last capability this kernel knows
    header = (ctypes.c_uint32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable for two 32-bit words
    _check(libc.capset(header, data), "drop capabilities")
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def _keep(child: int, plan: dict) -> None:
    """The keeper: wait for the runner, forward SIGUSR1, leave as it left. Never returns."""
    signal.signal(signal.SIGUSR1, lambda *_: _forward(child, signal.SIGUSR1))
    # Hold none of the parent's pipes: their ends close when the runner's namespace dies.
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(1)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    # A spare that left unused emptied its job directory; its mount point is the keeper's to
    # remove (rmdir only: a directory with anything in it is the parent's).
    for path in (plan["job"], plan["root"], os.path.dirname(plan["job"])):
        try:
            os.rmdir(path)
        except OSError:
            break
    os._exit(os.waitstatus_to_exitcode(status))


def _forward(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _namespaces(plan: dict) -> dict:
    """Enter the namespaces and fork; returns (in the runner) once contained, or raises."""
    if sys.platform != "linux":
        raise Refused("namespaces are Linux-only")
    libc = _libc()
    uid, gid = os.geteuid(), os.getegid()
    if libc.unshare(CLONE_NEWUSER) != 0:
        err = ctypes.get_errno()
        raise Refused(_userns_hint(f"user namespace refused: {os.strerror(err)}"))
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"0 {uid} 1")
        _write("/proc/self/gid_map", f"0 {gid} 1")
    except OSError as e:
        raise Refused(_userns_hint(f"user namespace without an id map: {e.strerror}")) from None
    _check(libc.unshare(CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC), "PID and network namespaces")
    child = os.fork()  # the first child of the new PID namespace: its init
    if child:
        _keep(child, plan)
    # The runner. If the keeper is killed (the parent kills the group at the end) so is it,
    # and with it the namespace. (A keeper killed before this line took it along: one group.)
    result = {"mode": "namespaces", "why": None}
    try:
        _check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent-death signal")
        try:
            # A mount namespace of its own, so that the pivot leaves the keeper's view alone.
            _check(libc.unshare(CLONE_NEWNS), "mount namespace")
            _build_root(plan, _Mounter(libc))
            _pivot(libc, plan["root"])
            os.chdir(plan["job"])
        except (Refused, OSError) as e:
            why = str(e) if isinstance(e, Refused) else (e.strerror or str(e))
            result = {"mode": "pid-namespace", "why": f"no private file system: {why}"}
        # Past the fork there is no falling back: a runner that cannot shed its privileges
        # must not run the learner's code.
        _drop_privileges(libc)
        try:  # counted per user namespace, so this bounds a fork storm and nothing else
            resource.setrlimit(resource.RLIMIT_NPROC, (NPROC_IN_NAMESPACE, NPROC_IN_NAMESPACE))
        except (ValueError, OSError):
            pass
    except Refused as e:
        os.write(2, f"sandbox: {e}\n".encode())
        os._exit(70)
    return result


def _count_own_processes(uid: int) -> int | None:
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    n = 0
    for name in names:
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    n += 1
            except OSError:
                pass
    return n


def _fallback(why: str) -> dict:
    """A process group (the parent kills it as a whole) and, for a non-root user, a process cap."""
    uid = os.getuid()
    limited = False
    if uid != 0:
        count = _count_own_processes(uid)
        if count is not None:
            soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
            cap = count + NPROC_ROOM
            if hard != resource.RLIM_INFINITY:
                cap = min(cap, hard)
            try:
                resource.setrlimit(resource.RLIMIT_NPROC, (cap, cap if hard == resource.RLIM_INFINITY else hard))
                limited = True
            except (ValueError, OSError):
                pass
    return {"mode": "process-group", "why": why, "nproc_limit": limited}


def contain(plan: dict) -> dict:
    """Contain this process as well as the system allows (see the module doc)."""
    if plan.get("mode") == "process-group":
        return _fallback(plan.get("why") or "namespaces turned off (FLASHDECK_SANDBOX=process-group)")
    try:
        return _namespaces(plan)
    except Refused as e:
        return _fallback(str(e))
    except OSError as e:  # a step that raised through Python rather than libc
        return _fallback(f"{e.strerror or e}")
