"""nbgrader settings shared by every server of the workshop hub, learners' and instructors'.

The one place where the exchange and the course id are set: ``smmlab hub`` puts this folder on
each server's ``JUPYTER_CONFIG_PATH``; the Kubernetes image copies this file to ``/etc/jupyter/``.
``SMMLAB_COURSE_ID`` comes from the course's own ``nbgrader_config.py`` (``smmlab hub`` reads it;
``z2jh-values.yaml`` sets it), so learners fetch from the course the instructor releases to.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader's config loader

c.CourseDirectory.course_id = os.environ.get("SMMLAB_COURSE_ID", "smmlab")
# World-writable with the sticky bit: learners drop submissions, nobody removes another's.
c.Exchange.root = os.environ.get("SMMLAB_EXCHANGE", "/srv/nbgrader/exchange")
# Collect refuses a submission whose files belong to someone else than the learner it names.
# Not where every learner is the same Unix user (Kubernetes pods all run as jovyan).
if os.environ.get("SMMLAB_EXCHANGE_OWNER_CHECK", "1") == "1":
    c.ExchangeFactory.collect = "smmlab.hub.OwnerCheckedCollect"
