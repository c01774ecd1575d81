package fetch

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// Policy decides which addresses jawab may connect to. By default only
// public unicast addresses: loopback, private (10/8, 172.16/12, 192.168/16,
// fc00::/7), link-local (169.254/16 with the cloud metadata address
// 169.254.169.254, fe80::/10), shared (100.64/10), unspecified, multicast and
// the reserved ranges are refused. Allow lists hosts or CIDRs that are
// permitted all the same (JAWAB_FETCH_ALLOW).
type Policy struct {
	hosts    map[string]bool
	prefixes []netip.Prefix
}

// ParsePolicy reads a list of host names, IP addresses and CIDRs to allow.
func ParsePolicy(allow []string) (Policy, error) {
	p := Policy{hosts: map[string]bool{}}
	for _, a := range allow {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
		case strings.Contains(a, "/"):
			pf, err := netip.ParsePrefix(a)
			if err != nil {
				return p, fmt.Errorf("%q is not a CIDR like 10.1.0.0/16: %w", a, err)
			}
			p.prefixes = append(p.prefixes, pf.Masked())
		default:
			if ip, err := netip.ParseAddr(strings.Trim(a, "[]")); err == nil {
				p.prefixes = append(p.prefixes, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
				continue
			}
			p.hosts[strings.ToLower(strings.TrimSuffix(a, "."))] = true
		}
	}
	return p, nil
}

// blockedRanges are refused besides what netip's predicates catch.
var blockedRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (CGNAT; Alibaba's metadata at 100.100.100.200)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may embed any IPv4 address
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001:db8::/32"), // documentation
	netip.MustParsePrefix("2002::/16"),     // 6to4: may embed any IPv4 address
	netip.MustParsePrefix("fd00:ec2::254/128"),
}

// Public reports whether ip is an ordinary public unicast address.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() || !ip.IsGlobalUnicast() {
		return false
	}
	for _, p := range blockedRanges {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// Permits reports whether a connection to ip, reached through host (a name
// or the address itself), is allowed.
func (p Policy) Permits(host string, ip netip.Addr) bool {
	ip = ip.Unmap()
	if Public(ip) {
		return true
	}
	if p.hosts[strings.ToLower(strings.TrimSuffix(host, "."))] {
		return true
	}
	for _, pf := range p.prefixes {
		if pf.Contains(ip) {
			return true
		}
	}
	return false
}

// Resolver looks host names up; *net.Resolver is one, and tests stub it.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// dialer connects only to permitted addresses: it resolves the host itself,
// checks every address, and dials the address (never the name again) with a
// Control func that checks the address the socket actually connects to, so
// that a second, different DNS answer (rebinding) cannot slip through.
type dialer struct {
	policy   Policy
	resolver Resolver
	// dialIP connects to a checked "ip:port"; tests replace it to prove that
	// a refused address is never dialed.
	dialIP func(ctx context.Context, network, addr string, control func(network, address string, c syscall.RawConn) error) (net.Conn, error)
}

func netDialIP(ctx context.Context, network, addr string, control func(string, string, syscall.RawConn) error) (net.Conn, error) {
	d := net.Dialer{Control: control}
	return d.DialContext(ctx, network, addr)
}

// control refuses a socket connecting to an address the policy does not
// permit for host.
func (d *dialer) control(host string) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return &BlockedError{Host: host, Addr: address}
		}
		if !d.policy.Permits(host, ap.Addr()) {
			return &BlockedError{Host: host, Addr: ap.Addr().String()}
		}
		return nil
	}
}

// resolve returns host's addresses, refusing the lot when any is not
// permitted (a name that resolves to both a public and a private address is
// taken for an attack).
func (d *dialer) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		ip = ip.Unmap()
		if !d.policy.Permits(host, ip) {
			return nil, &BlockedError{Host: host, Addr: ip.String()}
		}
		return []netip.Addr{ip}, nil
	}
	ips, err := d.resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("lookup %s: no addresses", host)
	}
	for _, ip := range ips {
		if !d.policy.Permits(host, ip) {
			return nil, &BlockedError{Host: host, Addr: ip.Unmap().String()}
		}
	}
	return ips, nil
}

func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips, err := d.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, ip := range ips {
		c, err := d.dialIP(ctx, network, net.JoinHostPort(ip.Unmap().String(), port), d.control(host))
		if err == nil {
			return c, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}
