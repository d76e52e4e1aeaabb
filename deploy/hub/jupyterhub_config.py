"""JupyterHub configuration of the smmlab workshop hub, started by ``smmlab hub``.

It reads ``$SMMLAB_HUB_HOME/workshop.json`` (written by :mod:`smmlab.hub`): who the learners and
instructors are, where the environment, the exchange and the learner repository are.

- PAM: each learner logs in as their own Unix user, with the password on their card.
- LocalProcessSpawner: each server runs as that user, with the course pulled by nbgitpuller.
- Learners get learner mode (no instructor tools); instructors are admins with the formgrader,
  whose Autograde button runs the sandboxed ``smmlab autograde``.
"""

import json
import os
from pathlib import Path

from smmlab.learner import instructor_server_arguments

c = get_config()  # noqa: F821 - provided by JupyterHub's config loader

home = Path(os.environ["SMMLAB_HUB_HOME"])
workshop = json.loads((home / "workshop.json").read_text(encoding="utf-8"))
env_bin = Path(workshop["env"]) / "bin"

c.JupyterHub.ip = workshop["ip"]
c.JupyterHub.port = workshop["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = workshop["hub_port"]
c.JupyterHub.db_url = f"sqlite:///{home / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(home / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True
c.ConfigurableHTTPProxy.command = [workshop["proxy"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{workshop['proxy_api_port']}"
c.ConfigurableHTTPProxy.should_start = True

# --- who may log in ---------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False  # no logind session per server on a workshop machine
c.Authenticator.allowed_users = set(workshop["learners"]) | set(workshop["instructors"])
c.Authenticator.admin_users = set(workshop["instructors"])
# A service token for the instructor's scripts (root-only file $SMMLAB_HUB_HOME/api_token).
c.JupyterHub.services = [{"name": "smmlab", "api_token": os.environ["SMMLAB_HUB_API_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "smmlab-service", "scopes": ["admin:users", "admin:servers",
                            "tokens", "access:servers", "list:users"], "services": ["smmlab"]}]

# --- each learner's server --------------------------------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(env_bin / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = workshop["default_url"]  # nbgitpuller: pull the course, open lesson 01
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120


def _spawner_environment(spawner):
    """Learner mode for learners, the shared nbgrader settings for everyone."""
    user_home = Path(os.path.expanduser(f"~{spawner.user.name}"))
    config_path = [workshop["shared_config"]]
    instructor = spawner.user.name in workshop["instructors"]
    if not instructor:
        config_path.insert(0, workshop["learner_config"])
    spawner.environment.update({
        "PATH": f"{env_bin}:/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": os.pathsep.join(config_path),
        "SMMLAB_COURSE_ID": workshop["course_id"],
        "SMMLAB_EXCHANGE": workshop["exchange"],
        "GIT_CONFIG_GLOBAL": workshop["git_config"],  # may pull from the hub's course repository
        "SMMLAB_ROOT": str(user_home / (workshop["instructor_course"] if instructor else "smmlab")),
        "SMMLAB_PREFETCH": "auto",  # explorers draw ahead on spare CPU only: the cores are shared
    })
    spawner.args = instructor_server_arguments() if instructor else []


c.Spawner.pre_spawn_hook = _spawner_environment
