"""The database rows of a meeting record (SQLAlchemy 2 typed declarative).

Each table exists because a published note prints what it holds; see
``shared/house-style/HOUSE_STYLE.md``. Positions are explicit columns, kept in step by
``ordering_list``, because the printed order (attendees, items, actions, owners) is part
of the record and not an accident of insertion.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from models.enums import ActionStatus, AttendanceStatus, LayoutStyle, MeetingMode, MeetingStatus
from models.errors import ValidationError
from models.input_limits import MAX_ABBREVIATION_CHARS, MAX_BOARD_NAME_CHARS, MAX_NAME_CHARS
from models.text_keys import text_key

# Named constraints from the first migration on, so that batch migrations on SQLite (which
# rebuild tables) can find and drop constraints by name later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC, hands back aware UTC: SQLite has no time zones of its own."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _enum(enum_class: type[Any], name: str) -> Enum:
    """Enum stored as its value string, with a CHECK constraint, portable beyond SQLite."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Board(Base):
    __tablename__ = "board"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_BOARD_NAME_CHARS), unique=True)
    abbreviation: Mapped[str] = mapped_column(String(MAX_ABBREVIATION_CHARS))


class Organisation(Base):
    """A body that attends, chairs or owns actions. Abbreviations are unique whatever the case,
    because ``MoJ`` and ``MOJ`` are the same ministry to the reader of a note."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_CHARS))
    abbreviation: Mapped[str] = mapped_column(String(MAX_ABBREVIATION_CHARS))
    # Python's casefold, not SQL lower(): SQLite's lower() folds only ASCII, and "É" must
    # clash with "é" as surely as "MOJ" with "MoJ".
    abbreviation_key: Mapped[str] = mapped_column(String(MAX_ABBREVIATION_CHARS), unique=True)

    @validates("abbreviation")
    def _keep_key_in_step(self, _key: str, abbreviation: str) -> str:
        key = organisation_key(abbreviation)
        if len(key) > MAX_ABBREVIATION_CHARS:
            # Spelling out compatibility forms can lengthen it ("ﷺ" is 18 letters); said of
            # the abbreviation, which the person typed, not of a column they never see.
            raise ValidationError(
                "abbreviation",
                f"Abbreviation is {len(key):,} characters once compared (letters spelled out"
                f" plainly); the limit is {MAX_ABBREVIATION_CHARS:,}.",
            )
        self.abbreviation_key = key
        return abbreviation


def organisation_key(abbreviation: str) -> str:
    """What makes two abbreviations the same organisation (see models.text_keys)."""
    return text_key(abbreviation)


class Meeting(Base):
    __tablename__ = "meeting"
    # One board's meetings of one year, in date order: the archive tree reads a year as it
    # opens (migration 0009); it replaced ix_meeting_board_id, which the planner preferred
    # and which read all the board's meetings to find one year.
    __table_args__ = (Index("ix_meeting_board_date", "board_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by ix_meeting_board_date, whose first column it is.
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    style: Mapped[LayoutStyle] = mapped_column(_enum(LayoutStyle, "layout_style"))
    title: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(Text, default="")
    # The venue is not known (a hearing transcribed years later), as opposed to none being
    # printed (""). A flag rather than a nullable venue, because making the column nullable
    # would rebuild the meeting table on SQLite, and the search triggers with it.
    venue_unknown: Mapped[bool] = mapped_column(default=False, server_default=false())
    mode: Mapped[MeetingMode] = mapped_column(_enum(MeetingMode, "meeting_mode"))
    chair_role: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    chair_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    theme: Mapped[str | None] = mapped_column(Text)
    chair_printed_name: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    chair_printed_abbreviation: Mapped[str | None] = mapped_column(String(MAX_ABBREVIATION_CHARS))
    next_meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[MeetingStatus] = mapped_column(
        _enum(MeetingStatus, "meeting_status"), default=MeetingStatus.DRAFT
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    # Optimistic locking: two windows on one database must not overwrite each other silently.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    board: Mapped[Board] = relationship()
    chair_organisation: Mapped[Organisation | None] = relationship()
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="meeting",
        order_by="Attendance.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        order_by="AgendaItem.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="meeting",
        order_by="Action.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    members: Mapped[list[Member]] = relationship(
        back_populates="meeting",
        order_by="Member.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declared form)


class Attendance(Base):
    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    person_name: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    person_role: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    # The organisation as this meeting printed it, once final or imported (models.publication).
    printed_name: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    printed_abbreviation: Mapped[str | None] = mapped_column(String(MAX_ABBREVIATION_CHARS))
    status: Mapped[AttendanceStatus] = mapped_column(
        _enum(AttendanceStatus, "attendance_status"), default=AttendanceStatus.PRESENT
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="attendances")
    organisation: Mapped[Organisation] = relationship()


class AgendaItem(Base):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    confidential: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    actions: Mapped[list[Action]] = relationship(
        back_populates="agenda_item", order_by="Action.position"
    )
    turns: Mapped[list[Turn]] = relationship(
        back_populates="agenda_item",
        order_by="Turn.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Action(Base):
    __tablename__ = "action"
    # Open actions of a meeting, and which of them are overdue, from the index alone: the
    # capped counts of the action log and of the previous open actions (migration 0010).
    # It replaced the index on the status alone, its first column. The log sorted by due
    # date walks the second and stops after a page (models.action_log).
    __table_args__ = (
        Index("ix_action_status_meeting_due", "status", "meeting_id", "due_date"),
        Index("ix_action_due_status", "due_date", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        _enum(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )  # indexed by ix_action_status_meeting_due, whose first column it is
    # The earlier action this one carries forward ("rolled over to the next meeting").
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), index=True
    )
    # The status was decided after the action's own meeting (a later meeting's review), so
    # that meeting's note prints the action as agreed there, open (migration 0013).
    resolved_later: Mapped[bool] = mapped_column(default=False, server_default=false())

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    agenda_item: Mapped[AgendaItem | None] = relationship(back_populates="actions")
    carried_from: Mapped[Action | None] = relationship(remote_side=[id])
    owner_links: Mapped[list[ActionOwner]] = relationship(
        back_populates="action",
        order_by="ActionOwner.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def owners(self) -> list[Organisation]:
        return [link.organisation for link in self.owner_links]


class ActionOwner(Base):
    """One owner of an action; an action may have several (``MPS/MOPAC to review ...``)."""

    __tablename__ = "action_owner"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    printed_name: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    printed_abbreviation: Mapped[str | None] = mapped_column(String(MAX_ABBREVIATION_CHARS))

    action: Mapped[Action] = relationship(back_populates="owner_links")
    organisation: Mapped[Organisation] = relationship()


class Member(Base):
    """One member of a hearing's panel, in the printed order.

    Unlike a board note's attendees, a transcript prints these names. Several members may
    be chairs (a hearing has co-chairs), so the flag is here rather than on the meeting.
    """

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(MAX_NAME_CHARS))
    role: Mapped[str | None] = mapped_column(String(MAX_NAME_CHARS))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    chair: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="members")
    organisation: Mapped[Organisation | None] = relationship()


class Turn(Base):
    """One turn of a transcript inside an agenda item: a speaker and their words, or an
    editorial note (``speaker`` None) such as ``[the sound recording was lost]``.

    The label is kept as printed (``Sophie Linden (Deputy Mayor ...) (Co-Chair)``) because a
    transcript prints it so; ``member`` links it to the panel where the speaker is a member,
    and stays empty for a witness or a guest.
    """

    __tablename__ = "turn"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    speaker: Mapped[str | None] = mapped_column(Text)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text, default="")  # the notes Markdown subset

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="turns")
    member: Mapped[Member | None] = relationship()


class AllowedName(Base):
    """A name the pre-publication check flagged and a person accepted for this meeting
    (an official named in their public role); the check does not flag it again."""

    __tablename__ = "allowed_name"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(MAX_NAME_CHARS), primary_key=True)


class ImportSource(Base):
    """The Word or JSON file a meeting was read from: its name and SHA-256, so that
    importing the same file again is noticed (``models.word_import.store``). One per meeting
    at most."""

    __tablename__ = "import_source"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
