"""Extension points: a lower app owns a registry, the apps above it register hooks in it.

The dependency arrow then points one way: the owner calls whatever is registered and never
imports the apps that registered it. Hooks are keyed, so registering again (an ``AppConfig.ready``
run twice, a reloaded module) replaces the hook instead of adding a second copy.
"""


class Registry:
    def __init__(self, description):
        self.description = description
        self._hooks = {}

    def __repr__(self):
        return f"<Registry {self.description}: {', '.join(self._hooks) or 'empty'}>"

    def register(self, key, hook):
        self._hooks[key] = hook
        return hook

    def get(self, key):
        """The hook registered under `key`; KeyError if there is none."""
        return self._hooks[key]

    def __contains__(self, key):
        return key in self._hooks

    def __iter__(self):
        return iter(list(self._hooks.values()))
