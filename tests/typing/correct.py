# Correct uses: mypy --strict must accept every line (tests/test_typing.py).
import datetime as dt

import peelmodel as pm

judgments = [pm.Judgment(subject="legitimacy", grade=pm.Grade.GOOD)]
inspection = pm.Inspection(
    force="kent",
    programme="peel-2017",  # an id is converted to the programme
    published=dt.date(2017, 12, 7),
    judgments=judgments,  # any iterable of judgments: a list, a tuple, a generator
    areas_for_improvement=(
        pm.AreaForImprovement(subject="legitimacy", text="The force should improve.")
        for _ in range(1)
    ),
)
same = pm.Inspection(force="kent", programme=pm.programmes.get("peel-2017"), judgments=())
concern = pm.CauseOfConcern(
    subject="legitimacy", text="A concern.", recommendations=[pm.Recommendation(text="Do it.")]
)
metric = pm.Metric(id="m", name="M", value=1.5, unit=pm.Unit.PERCENT, decimals=1)
period = pm.Period(start=dt.date(2021, 4, 1), end=dt.date(2022, 3, 31))
grade: pm.Grade | None = inspection.judgments[0].grade
dataset = pm.Dataset(inspections=[inspection, same])
first: pm.Inspection = dataset[0]
count: int = len(dataset)
names: list[str] = [i.force for i in dataset]
text: str = pm.to_json(dataset)
back: pm.Dataset = pm.from_json(text, pm.Dataset)
