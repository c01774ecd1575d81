package weaviatetest

import (
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Ports are picked at random below the kernel's ephemeral range and
// reserved across processes, because a port found free can be taken again
// before the node binds it, and CI once failed so ("bind: address already in
// use"): by an outgoing connection given an ephemeral port (the old picker
// chose in 20000-60000, mostly inside the range, and asked the kernel for
// ":0" ports, all inside it), or by another test package starting its own
// nodes at the same time (go test runs packages in parallel processes).

// lowestPort is the bottom of the range the nodes' ports are drawn from:
// above the well-known and registered services people run by hand.
const lowestPort = 10000

// pickRange returns the half-open range of ports to draw from: lowestPort
// up to the first ephemeral port.
func pickRange() (lo, hi int) {
	hi = 32768 // Linux's default ip_local_port_range starts here
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if v, err := strconv.Atoi(f[0]); err == nil && v > lowestPort+1000 {
				hi = v
			}
		}
	}
	return lowestPort, hi
}

// reservations is where a port's reservation file lives, shared by every
// test process of the machine.
func reservations() string { return filepath.Join(os.TempDir(), "jawab-weaviatetest-ports") }

// reserve claims port for this process: a file named after the port,
// created exclusively and holding the process id, whose path it returns ("",
// when another process holds the port). A file left by a process that is
// gone (a test killed by a timeout) is taken over.
func reserve(tb testing.TB, port int) string {
	dir := reservations()
	if err := os.MkdirAll(dir, 0o777); err != nil {
		tb.Fatalf("port reservations: %v", err)
	}
	path := filepath.Join(dir, strconv.Itoa(port))
	for range 2 {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o666)
		if err == nil {
			f.WriteString(strconv.Itoa(os.Getpid()))
			f.Close()
			return path
		}
		if !errors.Is(err, os.ErrExist) || !abandoned(path) {
			return ""
		}
		os.Remove(path) // and try once more: another process may win it
	}
	return ""
}

// abandoned reports whether the reservation file names a process that no
// longer runs.
func abandoned(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return false // being written, or not ours to judge
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// free reports whether port can be bound for TCP and UDP (memberlist
// gossips on both) on every one of hosts.
func free(port int, hosts []string) bool {
	var held []io.Closer
	defer func() {
		for _, h := range held {
			h.Close()
		}
	}()
	for _, h := range hosts {
		addr := net.JoinHostPort(h, strconv.Itoa(port))
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return false
		}
		held = append(held, l)
		u, err := net.ListenPacket("udp", addr)
		if err != nil {
			return false
		}
		held = append(held, u)
	}
	return true
}

// clusterPorts returns the REST, gossip, data, Raft and Raft RPC ports of a
// node, free on every one of hosts and reserved, as one block of consecutive
// ports (the defaults keep the data port at gossip + 1 and Raft RPC at Raft
// + 1).
func clusterPorts(tb testing.TB, hosts []string) []int {
	tb.Helper()
	lo, hi := pickRange()
	for range 200 {
		base := lo + rand.IntN(hi-lo-5)
		if claimed(tb, base, 5, hosts) {
			return []int{base + 4, base, base + 1, base + 2, base + 3}
		}
	}
	tb.Fatalf("no block of 5 free ports on %v", hosts)
	return nil
}

// freePorts returns count distinct ports, free on every one of hosts and
// reserved.
func freePorts(tb testing.TB, hosts []string, count int) []int {
	tb.Helper()
	lo, hi := pickRange()
	var out []int
	for tries := 0; len(out) < count && tries < 400; tries++ {
		if p := lo + rand.IntN(hi-lo); claimed(tb, p, 1, hosts) {
			out = append(out, p)
		}
	}
	if len(out) < count {
		tb.Fatalf("found only %d free ports on %v", len(out), hosts)
	}
	return out
}

// claimed reserves the n ports from base and checks they are free. The
// block is kept, reserved until the test ends, only when every port of it is
// both; otherwise its reservations are given back at once.
func claimed(tb testing.TB, base, n int, hosts []string) bool {
	var paths []string
	release := func() {
		for _, p := range paths {
			os.Remove(p)
		}
	}
	for p := base; p < base+n; p++ {
		path := reserve(tb, p)
		if path == "" {
			release()
			return false
		}
		paths = append(paths, path)
		if !free(p, hosts) {
			release()
			return false
		}
	}
	tb.Cleanup(release)
	return true
}
