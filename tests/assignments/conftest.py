import pytest

from tests.factories import EnrolmentFactory, GroupFactory, MembershipFactory, UserFactory


def enrol(course, username):
    return EnrolmentFactory(course=course, user=UserFactory(username=username)).user


@pytest.fixture
def s1(course):
    return enrol(course, "s1")


@pytest.fixture
def s2(course):
    return enrol(course, "s2")


@pytest.fixture
def s3(course):
    return enrol(course, "s3")


@pytest.fixture
def g1(assignment, s1, s2):
    group = GroupFactory(assignment=assignment, name="Group one")
    MembershipFactory(group=group, user=s1)
    MembershipFactory(group=group, user=s2)
    return group


@pytest.fixture
def g2(assignment, s3):
    group = GroupFactory(assignment=assignment, name="Group two")
    MembershipFactory(group=group, user=s3)
    return group
