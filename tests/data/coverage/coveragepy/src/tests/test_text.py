from calc.text import parse_flag, shout


def run():
    assert shout("hi", times=3) == "HI!!"
    assert parse_flag("yes") is True
    assert classify_zero()


def classify_zero():
    from calc.ops import classify
    return classify(0) == "zero"


if __name__ == "__main__":
    run()
