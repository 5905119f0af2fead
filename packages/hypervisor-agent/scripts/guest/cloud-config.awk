# Translates the essentials of a #cloud-config document into calls of the functions in rcS:
# hostname/fqdn, users (name, passwd, plain_text_passwd, shell, lock_passwd) and runcmd (strings).
# A deliberately small YAML subset: block style, one key per line.
function unq(v) {
  sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
  if (v ~ /^".*"$/ || v ~ /^'.*'$/) v = substr(v, 2, length(v) - 2)
  return v
}
function sq(v) { gsub(/'/, "'\\''", v); return "'" v "'" }
function flush() {
  if (uname != "") {
    if (upass != "") print "set_password " sq(uname) " " sq(upass) " " sq(ushell) " " sq(ulock)
    else print "add_user " sq(uname) " " sq(uhash) " " sq(ushell) " " sq(ulock)
  }
  uname = ""; uhash = ""; upass = ""; ushell = "/bin/sh"; ulock = "true"
}
function userkv(s,   k, v) {
  k = s; sub(/:.*/, "", k); sub(/^[ \t]+/, "", k)
  v = s; sub(/^[^:]*:/, "", v); v = unq(v)
  if (k == "name") uname = v
  else if (k == "passwd" || k == "hashed_passwd") uhash = v
  else if (k == "plain_text_passwd") upass = v
  else if (k == "shell") ushell = v
  else if (k == "lock_passwd") ulock = (tolower(v) == "false") ? "false" : "true"
}
BEGIN { section = ""; flush() }
/^[ \t]*#/ || /^[ \t]*$/ { next }
/^[^ \t-]/ {
  if (section == "users") flush()
  key = $0; sub(/:.*/, "", key)
  val = $0; sub(/^[^:]*:/, "", val); val = unq(val)
  section = key
  if (key == "hostname") print "set_hostname " sq(val)
  else if (key == "fqdn" && val != "") { h = val; sub(/\..*/, "", h); print "set_hostname " sq(h) }
  next
}
section == "users" && /^[ \t]*- / {
  flush()
  s = $0; sub(/^[ \t]*- */, "", s)
  if (s ~ /^[A-Za-z_]+:/) userkv(s)
  next
}
section == "users" && /^[ \t]+[A-Za-z_]+:/ { userkv($0); next }
section == "runcmd" && /^[ \t]*- / {
  s = $0; sub(/^[ \t]*- */, "", s); s = unq(s)
  if (s !~ /^\[/) print "run_cmd " sq(s)
  next
}
END { if (section == "users") flush() }
