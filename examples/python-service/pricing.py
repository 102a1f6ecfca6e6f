"""A tiny service module, the subject of the example test suite."""


def total(items):
    return round(sum(price * qty for price, qty in items), 2)


def discount(amount, percent):
    if not 0 <= percent <= 100:
        raise ValueError("percent out of range")
    return round(amount * (100 - percent) / 100, 2)


def parse_flag(value):
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def apply_coupon(amount, code):
    if code is None:
        return amount
    if code == "HALF":
        return discount(amount, 50)
    raise ValueError("unknown coupon " + code)
