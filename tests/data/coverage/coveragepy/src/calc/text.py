def shout(s, times=1):
    if not s:
        return ""
    out = s.upper()
    while times > 1:
        out += "!"
        times -= 1
    return out


def parse_flag(value):
    if value in ("1", "yes", "true"):
        return True
    if value in ("0", "no", "false"):
        return False
    raise ValueError(value)
