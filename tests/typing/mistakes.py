# A file of deliberate mistakes: mypy must report an error on every line marked
# "# error" and on no other line (tests/test_typing.py checks both).
import datetime as dt

import peelmodel as pm

good = pm.Judgment(subject="legitimacy", grade=pm.Grade.GOOD)
pm.Judgment(subject=1, grade=pm.Grade.GOOD)  # error
pm.Judgment(subject="legitimacy", grade="Good")  # error
pm.Judgment(subject="legitimacy", carried_over_from="2017")  # error
pm.Inspection(force="kent", programme="peel-2017", published="2017-12-07")  # error
pm.Inspection(force="kent", programme="peel-2017", judgments=["legitimacy"])  # error
pm.Inspection(force="kent", programme="peel-2017", judgments=[good], tranche="1")  # error
pm.Inspection(force=7, programme="peel-2017")  # error
pm.Inspection(force="kent", programme=2017)  # error
pm.CauseOfConcern(subject="legitimacy", text="t", recommendations="do it")  # error
pm.Recommendation(text=["do it"])  # error
pm.Metric(id="m", name="M", value="1.5", unit=pm.Unit.PERCENT)  # error
pm.Metric(id="m", name="M", value=1.5, unit="percent")  # error
pm.Metric(id="m", name="M", value=1.5, unit=pm.Unit.PERCENT, decimals="1")  # error
pm.Period(start="2021-04-01", end=dt.date(2022, 3, 31))  # error
pm.Source(title="t", page="12")  # error
pm.Dataset(inspections=[good])  # error
pm.Programme(id="p", title="P", year="2030", scale=pm.GradingScale.FIVE_POINT, subjects=[])  # error
