#!/usr/bin/env bash
# Builds the demo guest images from Debian packages, without loop mounts or root-only tools:
#   SeaBIOS -> SYSLINUX -> Debian cloud kernel -> busybox userland (+ Debian's qemu-ga).
# Usage: build-images.sh --out DIR
# Produces in DIR: demo.qcow2 (bootable disk), demo.iso (bootable hybrid ISO), vmlinuz, initrd.img,
# manifest.json. Needs the packages in ../apt-packages.txt and `apt-get download` access.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=""
# The hash of everything that shapes the images; callers compare it with manifest.json to rebuild.
input_hash() { cat "$HERE/build-images.sh" "$HERE"/guest/* | sha256sum | cut -c1-16; }
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="${2:-}"; shift 2 ;;
    --out=*) OUT="${1#--out=}"; shift ;;
    --hash) input_hash; exit 0 ;;
    -h|--help) echo "usage: build-images.sh --out DIR | --hash"; exit 0 ;;
    *) echo "build-images: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$OUT" ] || { echo "build-images: --out DIR is required" >&2; exit 2; }
# pnpm runs scripts from the package directory; resolve relative paths against the caller's cwd.
case "$OUT" in /*) ;; *) OUT="${INIT_CWD:-$PWD}/$OUT" ;; esac

for tool in busybox mkfs.fat mkfs.ext4 mcopy syslinux sfdisk xorriso qemu-img dpkg-deb apt-get; do
  command -v "$tool" >/dev/null || { echo "build-images: missing tool $tool (see apt-packages.txt)" >&2; exit 3; }
done
BUSYBOX=$(command -v busybox)
MBR=/usr/lib/syslinux/mbr/mbr.bin
ISOLINUX=/usr/lib/ISOLINUX/isolinux.bin
ISOHDPFX=/usr/lib/ISOLINUX/isohdpfx.bin
LDLINUX=/usr/lib/syslinux/modules/bios/ldlinux.c32

mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dvp-guest-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# 1. Kernel and guest agent, downloaded (not installed). The ABI suffix changes with security updates.
resolve_kernel() { apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
KPKG=$(resolve_kernel)
if [ -z "$KPKG" ] && [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq >/dev/null 2>&1 || true # a fresh machine may have no package lists yet
  KPKG=$(resolve_kernel)
fi
[ -n "$KPKG" ] || { echo "build-images: cannot resolve linux-image-cloud-amd64 (run apt-get update)" >&2; exit 4; }
DEBS="$OUT/.debs"
mkdir -p "$DEBS"
if ! ls "$DEBS/${KPKG}"_*.deb >/dev/null 2>&1 || ! ls "$DEBS"/qemu-guest-agent_*.deb >/dev/null 2>&1; then
  (cd "$DEBS" && apt-get download -q "$KPKG" qemu-guest-agent 2>&1 | grep -v 'unsandboxed' >&2 || true)
fi
KDEB=$(ls "$DEBS/${KPKG}"_*.deb | head -1)
QDEB=$(ls "$DEBS"/qemu-guest-agent_*.deb | head -1)

MODS="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk virtio_console failover net_failover virtio_net virtio_balloon virtio-rng button evdev fat vfat nls_cp437 nls_ascii nls_utf8"
mkdir kernel
patterns=('./boot/vmlinuz-*')
for m in $MODS; do patterns+=("./lib/modules/*/$m.ko" "./lib/modules/*/*/$m.ko" "./lib/modules/*/*/*/$m.ko" "./lib/modules/*/*/*/*/$m.ko" "./lib/modules/*/*/*/*/*/$m.ko"); done
dpkg-deb --fsys-tarfile "$KDEB" | tar -x -C kernel --wildcards --no-wildcards-match-slash "${patterns[@]}" 2>/dev/null || true
VMLINUZ=$(ls kernel/boot/vmlinuz-* | head -1)
KVER=${VMLINUZ##*/vmlinuz-}
mkdir qga
dpkg -x "$QDEB" qga

# 2. Root tree for the initramfs.
R="$WORK/root"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,etc/init.d,etc/acpi/PWRF,etc/acpi/PWRB,proc,sys,dev,tmp,root,run,home,var/run,lib/modules,usr/share/udhcpc}
cp "$BUSYBOX" "$R/bin/busybox"
for a in $("$BUSYBOX" --list-full); do
  case "$a" in */busybox) continue ;; esac
  mkdir -p "$R/$(dirname "$a")" && ln -sf /bin/busybox "$R/$a"
done
for m in $MODS; do
  f=$(find kernel/lib/modules -name "$m.ko" | head -1)
  [ -n "$f" ] || { echo "build-images: module $m not found in $KDEB" >&2; exit 5; }
  cp "$f" "$R/lib/modules/"
done
echo "$MODS" > "$R/lib/modules/order"
# qemu-ga is dynamic; its libraries are the host's (same Debian release, pulled in by qemu-system-x86).
cp qga/usr/sbin/qemu-ga "$R/usr/sbin/qemu-ga"
mkdir -p "$R/lib64" "$R/lib/x86_64-linux-gnu"
for l in $(ldd qga/usr/sbin/qemu-ga | awk '/=>/{print $3} /ld-linux/{print $1}'); do
  case "$l" in /lib64/*) cp -L "$l" "$R/lib64/" ;; *) cp -L "$l" "$R/lib/x86_64-linux-gnu/" ;; esac
done
cp "$HERE/guest/init" "$R/init"
cp "$HERE/guest/rcS" "$R/etc/init.d/rcS"
cp "$HERE/guest/cloud-config.awk" "$R/etc/cloud-config.awk"
cp "$HERE/guest/inittab" "$R/etc/inittab"
cp "$HERE/guest/udhcpc.script" "$R/usr/share/udhcpc/default.script"
cp "$HERE/guest/shutdown" "$R/sbin/shutdown"
chmod 755 "$R/init" "$R/etc/init.d/rcS" "$R/usr/share/udhcpc/default.script" "$R/sbin/shutdown"
ln -sf /bin/busybox "$R/sbin/init"
for d in PWRF PWRB; do
  printf '#!/bin/sh\necho "demo: ACPI power button -> poweroff" > /dev/console\npoweroff\n' > "$R/etc/acpi/$d/00000080"
  chmod 755 "$R/etc/acpi/$d/00000080"
done
cat > "$R/etc/os-release" <<'EOS'
PRETTY_NAME="DVP demo guest (Debian kernel, BusyBox)"
NAME="DVP demo guest"
VERSION_ID="1"
VERSION="1 (busybox)"
ID=dvp-demo
ID_LIKE=debian
EOS
printf 'DVP demo guest \\n (\\l)\n\n' > "$R/etc/issue"
printf 'export PATH=/bin:/sbin:/usr/bin:/usr/sbin\nexport PS1='"'"'\\u@\\h:\\w\\$ '"'"'\n' > "$R/etc/profile"
echo 'root:x:0:0:root:/root:/bin/sh' > "$R/etc/passwd"
echo 'root:*:19000:0:99999:7:::' > "$R/etc/shadow"
chmod 600 "$R/etc/shadow"
echo 'root:x:0:' > "$R/etc/group"
echo '/bin/sh' > "$R/etc/shells"
(cd "$R" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null) | gzip -6 > initrd.img
cp "$VMLINUZ" vmlinuz

# 3. FAT16 boot partition with SYSLINUX, built as a plain file (hidden sectors = partition offset).
APPEND="console=tty0 console=ttyS0,115200 quiet nokaslr"
cat > syslinux.cfg <<EOS
SERIAL 0 115200
DEFAULT demo
PROMPT 0
TIMEOUT 0
LABEL demo
  KERNEL /vmlinuz
  INITRD /initrd.img
  APPEND $APPEND
EOS
mkfs.fat -F 16 -n DVPDEMO -h 2048 -C part.img 31744 >/dev/null
syslinux --install part.img
mcopy -i part.img vmlinuz ::vmlinuz
mcopy -i part.img initrd.img ::initrd.img
mcopy -i part.img syslinux.cfg ::syslinux.cfg

# 4. The disk: MBR, the bootable FAT partition at 1 MiB and an ext4 data partition at 32 MiB
#    (a real block filesystem in the guest: /data, for fsfreeze and disk persistence checks).
mkfs.ext4 -q -F -L demo-data -E root_owner=0:0 data.img 16M >/dev/null
truncate -s 48M demo.raw
printf 'label: dos\nstart=2048, size=63488, type=6, bootable\nstart=65536, type=83\n' | sfdisk -q demo.raw
dd if="$MBR" of=demo.raw bs=440 count=1 conv=notrunc status=none
dd if=part.img of=demo.raw bs=1M seek=1 conv=notrunc status=none
dd if=data.img of=demo.raw bs=1M seek=32 conv=notrunc status=none
qemu-img convert -f raw -O qcow2 demo.raw demo.qcow2

# 5. Hybrid ISO with ISOLINUX.
mkdir -p isodir/isolinux
cp "$ISOLINUX" "$LDLINUX" isodir/isolinux/
sed 's/^SERIAL.*/SERIAL 0 115200/' syslinux.cfg > isodir/isolinux/isolinux.cfg
cp vmlinuz initrd.img isodir/
xorriso -as mkisofs -quiet -o demo.iso -V DVPDEMO -J -R -isohybrid-mbr "$ISOHDPFX" \
  -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table isodir/ 2>/dev/null

# 6. Publish atomically enough for concurrent readers: write then rename.
for f in demo.qcow2 demo.iso vmlinuz initrd.img; do
  cp "$f" "$OUT/.$f.tmp" && mv "$OUT/.$f.tmp" "$OUT/$f"
done
SCRIPT_HASH=$(input_hash)
cat > "$OUT/.manifest.tmp" <<EOS
{
  "kernel": "$KVER",
  "kernelPackage": "$(basename "$KDEB")",
  "guestAgentPackage": "$(basename "$QDEB")",
  "append": "$APPEND",
  "scriptHash": "$SCRIPT_HASH",
  "builtAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "images": { "disk": "demo.qcow2", "iso": "demo.iso", "kernel": "vmlinuz", "initrd": "initrd.img" }
}
EOS
mv "$OUT/.manifest.tmp" "$OUT/manifest.json"
echo "build-images: built demo.qcow2 and demo.iso (kernel $KVER) in $OUT"
